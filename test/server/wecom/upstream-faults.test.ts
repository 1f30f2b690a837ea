import { SANDBOX_BULK_ANCHOR } from '../../../sandbox';
import { manualClock, startHarness, type Harness } from '../harness';

describe('WeCom failures', () => {
  const clock = manualClock();
  let h: Harness;
  let ids: string[];
  beforeEach(async () => {
    h = await startHarness({ now: clock.now });
    ids = h.sandbox.lives
      .list()
      .filter((l) => l.info.anchor_userid === SANDBOX_BULK_ANCHOR)
      .map((l) => l.livingId);
  });
  afterEach(() => h.close());

  it('retries "system busy" (-1) and then succeeds', async () => {
    h.sandbox.faults.failNext('living/get_living_info', -1, 1);
    await h.http.get(`/api/lives/${ids[0]}`).expect(200);
    expect(h.sandbox.callsTo('living/get_living_info').map((c) => c.errcode)).toEqual([-1, 0]);
  });

  it('stops retrying "system busy" after a bounded number of attempts', async () => {
    h.sandbox.faults.failNext('living/get_living_info', -1, 100);
    const res = await h.http.get(`/api/lives/${ids[0]}`);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(3);
  });

  it('retries a dropped connection and an HTTP 502', async () => {
    h.sandbox.faults.drop('living/get_living_info', 1);
    await h.http.get(`/api/lives/${ids[0]}`).expect(200);
    h.sandbox.faults.httpStatus('living/get_living_info', 502, 1);
    await h.http.get(`/api/lives/${ids[1]}`).expect(200);
  });

  it('answers 503 with Retry-After on the frequency limit (45009) and holds calls back until the window passes', async () => {
    h.sandbox.faults.failNext('living/get_living_info', 45009, 1);

    const limited = await h.http.get(`/api/lives/${ids[0]}`);
    expect(limited.status).toBe(503);
    expect(limited.body.error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);

    clock.advance(30_000);
    const held = await h.http.get(`/api/lives/${ids[1]}`);
    expect(held.status).toBe(503);
    expect(Number(held.headers['retry-after'])).toBe(30);
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(1);

    clock.advance(31_000);
    await h.http.get(`/api/lives/${ids[1]}`).expect(200);
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(2);
  });

  it('backs off briefly after "too many concurrent calls" (45033)', async () => {
    h.sandbox.faults.failNext('living/get_living_info', 45033, 1);
    const res = await h.http.get(`/api/lives/${ids[0]}`);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(res.headers['retry-after']).toBe('1');
    clock.advance(1_100);
    await h.http.get(`/api/lives/${ids[0]}`).expect(200);
  });

  it.each([
    [48002, 'API not permitted'],
    [60020, 'trusted IP'],
  ])('reports errcode %i as a configuration error, clearly, in the log', async (errcode, words) => {
    h.sandbox.faults.failNext('living/get_living_info', errcode, 1);
    const res = await h.http.get(`/api/lives/${ids[0]}`);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UPSTREAM_MISCONFIGURED');
    const line = h.logs.parsed().find((l) => l.event === 'upstream_misconfigured');
    expect(line).toMatchObject({ level: 50, errcode, api: 'living/get_living_info' });
    expect(String(line?.msg)).toContain(words);
  });

  it('answers 404 for any other errcode on get_living_info', async () => {
    h.sandbox.faults.failNext('living/get_living_info', 40003, 1);
    const res = await h.http.get(`/api/lives/${ids[0]}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('LIVE_NOT_FOUND');
  });

  it("reaches the sandbox's real per-minute limit and stops calling", async () => {
    await h.close();
    h = await startHarness({ now: clock.now, sandbox: { rateLimitPerMinute: 5 } });
    const bulk = h.sandbox.lives.list().filter((l) => l.info.anchor_userid === SANDBOX_BULK_ANCHOR);
    const statuses: number[] = [];
    for (const live of bulk.slice(0, 10)) statuses.push((await h.http.get(`/api/lives/${live.livingId}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 503, 503, 503, 503, 503]);
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(6);
  });

  it('times out a slow WeCom and answers 503 rather than hanging', async () => {
    await h.close();
    h = await startHarness({ now: clock.now, tuning: { upstreamTimeoutMs: 100, upstream: { maxRetries: 1 } } });
    await h.http.get('/healthz').expect(200);
    const [id] = h.sandbox.lives.list().map((l) => l.livingId);
    h.sandbox.faults.latency('living/get_living_info', 400);
    const started = Date.now();
    const res = await h.http.get(`/api/lives/${id}`);
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
