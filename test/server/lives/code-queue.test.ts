import { SANDBOX_LIVES } from '../../../sandbox';
import { ErrorBodySchema } from '../../../server/http/api-schemas';
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

describe('per-client limits', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('answers 429 with Retry-After past the logins allowed per IP, and keeps other limits apart', async () => {
    h = await startHarness({
      config: {
        limits: { loginsPerIpPerMinute: 3, codesPerSessionPerMinute: 30, codesPerIpPerMinute: 1000, socketsPerIp: 50 },
      },
    });
    for (let i = 0; i < 3; i++)
      await h.http
        .post('/api/session/weapp')
        .send({ code: `limit-code-${i}` })
        .expect(200);
    const refused = await h.http.post('/api/session/weapp').send({ code: 'limit-code-x' });
    expect(refused.status).toBe(429);
    expect(ErrorBodySchema.parse(refused.body).error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(h.sandbox.callsTo('sns/jscode2session')).toHaveLength(3);
    await h.http.get(`/api/lives/${SANDBOX_LIVES.living}`).expect(200); // card reads are not limited per client
  });

  it('limits code requests per session, but never a viewer who waits in line and follows Retry-After', async () => {
    const clock = manualClock(1_800_000_000_000);
    h = await startHarness({
      now: clock.now,
      config: {
        wecomBudget: { perMinute: 1, perHour: 100 },
        limits: { loginsPerIpPerMinute: 100, codesPerSessionPerMinute: 2, codesPerIpPerMinute: 1000, socketsPerIp: 50 },
      },
    });
    const [first, waiting] = await Promise.all([h.login(), h.login()]);
    for (let i = 0; i < 2; i++)
      await h.http
        .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
        .set('Authorization', `Bearer ${first!.token}`)
        .send({})
        .expect(200);
    await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${first!.token}`)
      .send({})
      .expect(429);
    for (let i = 0; i < 5; i++) {
      const res = await h.http
        .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
        .set('Authorization', `Bearer ${waiting!.token}`)
        .send({});
      expect([res.status, res.body.error.code]).toEqual([503, 'UPSTREAM_BUSY']);
    }
  });
});

describe('GET /readyz', () => {
  it('says the instance takes traffic', async () => {
    const h = await startHarness();
    try {
      expect((await h.http.get('/readyz').expect(200)).body).toEqual({ ready: true });
      expect((await h.http.get('/healthz').expect(200)).body).toEqual({ ok: true });
    } finally {
      await h.close();
    }
  });
});
