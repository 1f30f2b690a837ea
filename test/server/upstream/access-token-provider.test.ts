import { SANDBOX_BULK_ANCHOR } from '../../../sandbox';
import { startHarness, type Harness } from '../harness';

/** Many made-up ids from one address: the lane for unknown lives is not what is under test here. */
const OPEN_LANE = { unknownLives: { perIpPerMinute: 1_000_000, budgetShare: 1, refusedMs: 600_000 } };

describe('access token', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ config: OPEN_LANE });
  });
  afterEach(() => h.close());

  const bulkIds = () =>
    h.sandbox.lives
      .list()
      .filter((l) => l.info.anchor_userid === SANDBOX_BULK_ANCHOR)
      .map((l) => l.livingId);

  it('is fetched once for 200 concurrent cold requests', async () => {
    const ids = bulkIds();
    expect(ids.length).toBeGreaterThan(50);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => h.http.get(`/api/lives/${ids[i % ids.length]}`)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200));
    expect(h.sandbox.callsTo('gettoken')).toHaveLength(1);
  });

  it('is refreshed once and the call retried once when WeCom says it expired (42001)', async () => {
    const [first, second] = bulkIds();
    await h.http.get(`/api/lives/${first}`).expect(200);
    h.sandbox.tokens.expireAll();
    h.sandbox.resetCalls();

    await h.http.get(`/api/lives/${second}`).expect(200);

    expect(h.sandbox.calls.map((c) => [c.api, c.errcode])).toEqual([
      ['living/get_living_info', 42001],
      ['gettoken', 0],
      ['living/get_living_info', 0],
    ]);
  });

  it('is refreshed once for many concurrent callers holding the same refused token', async () => {
    const ids = bulkIds().slice(0, 40);
    await h.http.get(`/api/lives/${ids[0]}`).expect(200);
    h.sandbox.tokens.invalidateAll();
    h.sandbox.resetCalls();

    const responses = await Promise.all(ids.slice(1).map((id) => h.http.get(`/api/lives/${id}`)));

    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(h.sandbox.callsTo('gettoken')).toHaveLength(1);
  });

  it('gives up with a clear error after a bounded number of calls when WeCom keeps refusing it (40014)', async () => {
    const [id] = bulkIds();
    h.sandbox.faults.failNext('living/get_living_info', 40014, 1000);

    const res = await h.http.get(`/api/lives/${id}`);

    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UPSTREAM_MISCONFIGURED');
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(2);
    expect(h.sandbox.callsTo('gettoken')).toHaveLength(2);
  });

  it('does not hammer gettoken when the secret is wrong', async () => {
    await h.close();
    h = await startHarness({ config: OPEN_LANE });
    h.sandbox.faults.failNext('gettoken', 40001, 1000);
    const [a, b, c] = bulkIds();

    const answers = await Promise.all([a, b, c].map((id) => h.http.get(`/api/lives/${id}`)));
    const again = await h.http.get(`/api/lives/${a}`);

    expect([...answers, again].map((r) => r.body.error?.code)).toEqual(Array(4).fill('UPSTREAM_MISCONFIGURED'));
    expect(h.sandbox.callsTo('gettoken')).toHaveLength(1);
    expect(h.logs.parsed().some((l) => l.event === 'upstream_misconfigured' && l.errcode === 40001)).toBe(true);
  });

  it('is refreshed ahead of its expiry without a refused call', async () => {
    await h.close();
    let t = Date.now();
    const now = () => t;
    h = await startHarness({ now, sandbox: { tokenTtlSeconds: 7200 } });
    const [a, b] = bulkIds();
    await h.http.get(`/api/lives/${a}`).expect(200);
    t += 7200_000 - 60_000; // one minute before expiry: inside the refresh-ahead margin
    await h.http.get(`/api/lives/${b}`).expect(200);

    expect(h.sandbox.callsTo('gettoken')).toHaveLength(2);
    expect(h.sandbox.calls.filter((c) => c.errcode !== 0)).toEqual([]);
  });
});
