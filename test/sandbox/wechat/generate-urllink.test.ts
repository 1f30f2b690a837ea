import { startSandbox, type Harness } from '../sandbox-harness';

const DAY_MS = 24 * 3600_000;
const VALID = {
  path: 'pages/live/index',
  query: 'id=lv1&from=sms',
  env_version: 'release',
  expire_type: 1,
  expire_interval: 30,
};

describe('wxa/generate_urllink', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  async function miniToken(): Promise<string> {
    const { miniAppId, miniSecret } = h.sandbox.credentials;
    const answer = await h.stableToken({ appid: miniAppId, secret: miniSecret });
    const token = answer.json?.access_token;
    if (typeof token !== 'string') throw new Error(`stable_token failed: ${answer.text}`);
    return token;
  }

  async function generate(body: unknown, token?: string) {
    const query = token === undefined ? '' : `?access_token=${encodeURIComponent(token)}`;
    return h.request(`/wxa/generate_urllink${query}`, { method: 'POST', body });
  }

  it("hands out a link on the sandbox's origin that lives expire_interval days (China day quota counted)", async () => {
    const answer = await generate(VALID, await miniToken());
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; encoding=utf-8');
    expect(answer.json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      url_link: expect.stringMatching(/\/wxaurl\/[0-9A-Za-z]{12}$/),
    });
    expect((answer.json!.url_link as string).startsWith(`${h.base}/wxaurl/`)).toBe(true);
    const [link] = h.sandbox.urlLinks.issued();
    expect(link).toMatchObject({ path: 'pages/live/index', query: 'id=lv1&from=sms', envVersion: 'release' });
    expect(link!.expiresAt - link!.createdAt).toBe(30 * DAY_MS);
    expect(h.sandbox.urlLinks.usedToday()).toBe(1);
  });

  it.each([
    ['no token', undefined, 41001],
    ['an unknown token', 'not-a-token', 40001],
  ])('refuses %s (%s)', async (_name, token, errcode) => {
    expect((await generate(VALID, token)).json).toMatchObject({ errcode });
  });

  it("refuses the service account's token (48001)", async () => {
    expect((await generate(VALID, await h.mpToken())).json).toMatchObject({ errcode: 48001 });
  });

  it.each([
    ['a page with a leading /', { path: '/pages/live/index' }, 40165],
    ['a page with a query', { path: 'pages/live/index?id=lv1' }, 40165],
    ['a page not in the released mini program', { path: 'pages/nope/index' }, 40165],
    ['a query over 1024 characters', { query: `id=${'a'.repeat(1022)}` }, 40212],
    ['a query with a space', { query: 'id=lv 1' }, 40212],
    ['a query with a character outside the set', { query: 'id=lv1&from=<x>' }, 40212],
    ['a query with non-ASCII', { query: 'id=直播' }, 40212],
    ['an unknown env_version', { env_version: 'beta' }, 85402],
    ['an interval of 0 days', { expire_interval: 0 }, 85401],
    ['an interval of 31 days', { expire_interval: 31 }, 85401],
    ['a fractional interval', { expire_interval: 1.5 }, 85401],
    ['no expire_type (links always expire)', { expire_type: undefined }, 85401],
    [
      'an expire_time beyond 30 days',
      { expire_type: 0, expire_time: Math.floor(Date.now() / 1000) + 31 * 86400 },
      85401,
    ],
    ['a path that is not a string', { path: 42 }, 47001],
  ])('refuses %s', async (_name, change, errcode) => {
    expect((await generate({ ...VALID, ...change }, await miniToken())).json).toMatchObject({ errcode });
    expect(h.sandbox.urlLinks.issued()).toHaveLength(0);
    expect(h.sandbox.urlLinks.usedToday()).toBe(0);
  });

  it('accepts a query of exactly 1024 characters of the whole set, and an empty path (the home page)', async () => {
    const set = "0-9A-Za-z!#$&'()*+,/:;=?@-._~%";
    const query = set.repeat(40).slice(0, 1024);
    const token = await miniToken();
    expect((await generate({ ...VALID, query }, token)).json).toMatchObject({ errcode: 0 });
    expect((await generate({ ...VALID, path: '', query: '' }, token)).json).toMatchObject({ errcode: 0 });
    expect(h.sandbox.urlLinks.issued()[1]!.path).toBe('pages/index/index');
  });

  it("answers 45009 once the day's quota is spent, counting nothing more", async () => {
    const token = await miniToken();
    h.sandbox.urlLinks.setQuota({ perDay: 2 });
    expect((await generate(VALID, token)).json).toMatchObject({ errcode: 0 });
    expect((await generate(VALID, token)).json).toMatchObject({ errcode: 0 });
    expect((await generate(VALID, token)).json).toMatchObject({
      errcode: 45009,
      errmsg: expect.stringMatching(/^reach max api daily quota limit/),
    });
    expect(h.sandbox.urlLinks.quota()).toEqual({ perDay: 2, usedToday: 2 });
  });

  it('starts a fresh count on the next China day (16:00 UTC)', async () => {
    const token = await miniToken();
    h.sandbox.urlLinks.setQuota({ perDay: 1, used: 1 });
    expect((await generate(VALID, token)).json).toMatchObject({ errcode: 45009 });
    const untilMidnight = 24 * 3600_000 - ((h.clock.now() + 8 * 3600_000) % (24 * 3600_000));
    h.clock.advance(untilMidnight - 1);
    expect(h.sandbox.urlLinks.usedToday()).toBe(1);
    h.clock.advance(1);
    expect(h.sandbox.urlLinks.usedToday()).toBe(0);
  });

  it('takes faults like every other API', async () => {
    const token = await miniToken();
    h.sandbox.faults.failNext('wxa/generate_urllink', 85400);
    expect((await generate(VALID, token)).json).toMatchObject({ errcode: 85400 });
    expect(h.sandbox.callsTo('wxa/generate_urllink').map((c) => c.errcode)).toEqual([85400]);
  });

  describe('the link page', () => {
    it('records each open with the live, the replay flag and the tag, readable by the control too', async () => {
      const token = await miniToken();
      const { json } = await generate({ ...VALID, query: 'id=lvABC&replay=1&from=sms' }, token);
      const url = new URL(json!.url_link as string);
      const page = await h.request(url.pathname);
      expect(page.status).toBe(200);
      expect(page.contentType).toBe('text/html; charset=utf-8');
      expect(page.text).toContain('<code id="url-link-query">id=lvABC&amp;replay=1&amp;from=sms</code>');
      expect(h.sandbox.urlLinks.opens()).toEqual([
        expect.objectContaining({ livingId: 'lvABC', replay: true, from: 'sms', expired: false, url: url.href }),
      ]);
      const control = await h.request('/__sandbox/url-links/opens?livingId=lvABC');
      expect(control.json).toEqual({ opens: [expect.objectContaining({ livingId: 'lvABC', from: 'sms' })] });
      expect(h.sandbox.callsTo('wxa/generate_urllink')).toHaveLength(1); // a page, not an API call
    });

    it('says an expired link has expired (410) and opens nothing', async () => {
      const { json } = await generate({ ...VALID, expire_interval: 1 }, await miniToken());
      h.clock.advance(DAY_MS);
      const page = await h.request(new URL(json!.url_link as string).pathname);
      expect(page.status).toBe(410);
      expect(page.text).toContain('链接已失效');
      expect(h.sandbox.urlLinks.opens()).toEqual([expect.objectContaining({ expired: true })]);
    });

    it('is a 404 for a link never issued', async () => {
      expect((await h.request('/wxaurl/NoSuchLink12')).status).toBe(404);
    });
  });

  describe('controls', () => {
    it('set and read the quota, list links, expire them all; reset forgets everything', async () => {
      const quota = await h.request('/__sandbox/url-links/quota', { method: 'PUT', body: { perDay: 5, used: 5 } });
      expect(quota.json).toEqual({ perDay: 5, usedToday: 5 });
      expect((await h.request('/__sandbox/url-links/quota', { method: 'PUT', body: { perDay: -1 } })).status).toBe(400);
      expect((await generate(VALID, await miniToken())).json).toMatchObject({ errcode: 45009 });
      await h.request('/__sandbox/url-links/quota', { method: 'PUT', body: { used: 0 } });
      const { json } = await generate(VALID, await miniToken());
      expect((await h.request('/__sandbox/url-links')).json).toEqual({
        links: [expect.objectContaining({ url: json!.url_link })],
      });
      expect((await h.request('/__sandbox/url-links/expire', { method: 'POST' })).status).toBe(204);
      expect((await h.request(new URL(json!.url_link as string).pathname)).status).toBe(410);
      h.sandbox.reset();
      expect(h.sandbox.urlLinks.issued()).toEqual([]);
      expect(h.sandbox.urlLinks.opens()).toEqual([]);
      expect(h.sandbox.urlLinks.quota()).toEqual({ perDay: 500_000, usedToday: 0 });
    });
  });
});
