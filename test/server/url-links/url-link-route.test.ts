import { SANDBOX_LIVES } from '../../../sandbox';
import { startHarness, type Harness } from '../harness';

const LIVE = SANDBOX_LIVES.endedReplayReady;

describe('GET /api/lives/:livingId/url-link', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const generated = () => h.sandbox.callsTo('wxa/generate_urllink').filter((c) => c.errcode === 0);

  it("answers a link on the sandbox's origin that opens the live page with the live's id", async () => {
    const res = await h.http.get(`/api/lives/${LIVE}/url-link`).expect(200);
    expect(res.body.urlLink).toMatch(new RegExp(`^${h.base}/wxaurl/[0-9A-Za-z]{12}$`));
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const [link] = h.sandbox.urlLinks.issued();
    expect(link).toMatchObject({ path: 'pages/live/index', query: `id=${LIVE}`, envVersion: 'release' });
  });

  it('carries the replay flag and the campaign tag in the query, each its own link', async () => {
    const a = await h.http.get(`/api/lives/${LIVE}/url-link?replay=1&from=sms_1212`).expect(200);
    const b = await h.http.get(`/api/lives/${LIVE}/url-link?from=sms_1212`).expect(200);
    expect(a.body.urlLink).not.toBe(b.body.urlLink);
    expect(h.sandbox.urlLinks.issued().map((l) => l.query)).toEqual([
      `id=${LIVE}&replay=1&from=sms_1212`,
      `id=${LIVE}&from=sms_1212`,
    ]);
  });

  it('generates one link for 50 concurrent requests of the same key, and serves it again', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => h.http.get(`/api/lives/${LIVE}/url-link?from=mail`).expect(200)),
    );
    expect(new Set(answers.map((r) => r.body.urlLink as string)).size).toBe(1);
    await h.http.get(`/api/lives/${LIVE}/url-link?from=mail`).expect(200);
    expect(generated()).toHaveLength(1);
  });

  it('ignores a from that is not a campaign tag: the untagged link', async () => {
    const plain = await h.http.get(`/api/lives/${LIVE}/url-link`).expect(200);
    const odd = await h.http.get(`/api/lives/${LIVE}/url-link?from=${encodeURIComponent('<x>&id=other')}`).expect(200);
    expect(odd.body.urlLink).toBe(plain.body.urlLink);
    expect(generated()).toHaveLength(1);
  });

  it('is a 404 for a live that does not exist, and asks WeChat nothing', async () => {
    await h.http.get('/api/lives/lvNoSuchLive123/url-link').expect(404);
    expect(h.sandbox.callsTo('wxa/generate_urllink')).toHaveLength(0);
  });

  it('is a 400 for a malformed id or replay flag', async () => {
    await h.http.get('/api/lives/not%20an%20id/url-link').expect(400);
    await h.http.get(`/api/lives/${LIVE}/url-link?replay=maybe`).expect(400);
  });

  it('answers null once WeChat says the day is spent, and asks no more that day', async () => {
    h.sandbox.urlLinks.setQuota({ perDay: 3, used: 3 });
    const res = await h.http.get(`/api/lives/${LIVE}/url-link`).expect(200);
    expect(res.body).toEqual({ urlLink: null });
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    await h.http.get(`/api/lives/${LIVE}/url-link?replay=1`).expect(200, { urlLink: null });
    expect(h.sandbox.callsTo('wxa/generate_urllink').map((c) => c.errcode)).toEqual([45009]);
  });

  it.each([
    ['a refusal', { kind: 'failNext', errcode: 85400 }],
    ['a dropped connection', { kind: 'drop' }],
    ['a gateway error', { kind: 'httpStatus', status: 502 }],
  ] as const)('answers null on %s, and holds generation back for a while', async (_name, fault) => {
    if (fault.kind === 'failNext') h.sandbox.faults.failNext('wxa/generate_urllink', fault.errcode);
    else if (fault.kind === 'drop') h.sandbox.faults.drop('wxa/generate_urllink', 5);
    else h.sandbox.faults.httpStatus('wxa/generate_urllink', fault.status, 5);
    await h.http.get(`/api/lives/${LIVE}/url-link`).expect(200, { urlLink: null });
    const calls = h.sandbox.callsTo('wxa/generate_urllink').length;
    await h.http.get(`/api/lives/${LIVE}/url-link?from=again`).expect(200, { urlLink: null });
    expect(h.sandbox.callsTo('wxa/generate_urllink')).toHaveLength(calls);
  });

  it('follows the link to the page that records the open with its live, replay and tag', async () => {
    const { body } = await h.http.get(`/api/lives/${LIVE}/url-link?replay=1&from=poster`).expect(200);
    const page = await fetch(body.urlLink as string, { headers: { 'User-Agent': 'test-phone' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('pages/live/index');
    expect(h.sandbox.urlLinks.opens()).toEqual([
      expect.objectContaining({
        livingId: LIVE,
        replay: true,
        from: 'poster',
        expired: false,
        userAgent: 'test-phone',
      }),
    ]);
  });

  it('never shows a token or a secret', async () => {
    const res = await h.http.get(`/api/lives/${LIVE}/url-link`).expect(200);
    for (const secret of h.sandbox.secrets()) {
      expect(res.text).not.toContain(secret);
      expect(h.logs.text()).not.toContain(secret);
    }
  });
});
