import { SANDBOX_LIVES } from '../../../sandbox';
import { ErrorBodySchema } from '../../../server/http/schemas/api-schemas';
import { manualClock, startHarness, type Harness } from '../harness';

/** The budget for codes is spent: viewers wait in line, in arrival order, and are told where they stand. */
describe('the line for living codes', () => {
  const clock = manualClock(1_800_000_000_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      now: clock.now,
      config: {
        wecomBudget: { perMinute: 2, perHour: 100 },
        // Known lives: a live nobody knows has only a share of this small budget (test/server/adversary).
        liveIds: [SANDBOX_LIVES.living, SANDBOX_LIVES.reservedSoon],
      },
    });
  });
  afterEach(() => h.close());

  const ask = (token: string) =>
    h.http.post(`/api/lives/${SANDBOX_LIVES.living}/code`).set('Authorization', `Bearer ${token}`).send({});

  it('answers 503 UPSTREAM_BUSY with the place and the wait once the budget is spent, then admits in arrival order', async () => {
    const viewers = await Promise.all(Array.from({ length: 5 }, () => h.login()));
    const first = [];
    for (const v of viewers) first.push(await ask(v.token)); // arrival order: 0, 1, 2, 3, 4
    expect(first.map((r) => r.status)).toEqual([200, 200, 503, 503, 503]);
    const waiting = first.slice(2);
    for (const [i, res] of waiting.entries()) {
      const body = ErrorBodySchema.parse(res.body);
      expect(body.error.code).toBe('UPSTREAM_BUSY');
      expect(body.queue?.position).toBe(i + 1);
      expect(res.headers['retry-after']).toBe(String(body.queue?.etaSeconds));
    }
    expect(first[2]!.body.queue.etaSeconds).toBe(60);
    expect(first[4]!.body.queue.etaSeconds).toBe(120);
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(2);

    // The budget frees up a minute later: the third viewer is next; the fifth, coming back early, is not.
    clock.advance(60_000);
    const early = await ask(viewers[4]!.token);
    expect([early.status, early.body.queue?.position]).toEqual([503, 3]);
    expect((await ask(viewers[2]!.token)).status).toBe(200);
    expect((await ask(viewers[3]!.token)).status).toBe(200);
    expect((await ask(viewers[4]!.token)).body.queue?.position).toBe(1);
    clock.advance(60_000);
    expect((await ask(viewers[4]!.token)).status).toBe(200);
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(5);
    expect(h.sandbox.callsTo('living/get_living_code').filter((c) => c.errcode === 45009)).toHaveLength(0);
  });

  it('costs a viewer who already has a code nothing, and never queues card reads behind codes', async () => {
    const [a, b, c] = await Promise.all([h.login(), h.login(), h.login()]);
    await ask(a!.token).expect(200);
    await ask(b!.token).expect(200);
    await ask(c!.token).expect(503);
    await ask(a!.token).expect(200); // reused: no budget needed
    await h.http.get(`/api/lives/${SANDBOX_LIVES.living}`).expect(200);
    await h.http.get(`/api/lives/${SANDBOX_LIVES.reservedSoon}`).expect(200);
  });
});
