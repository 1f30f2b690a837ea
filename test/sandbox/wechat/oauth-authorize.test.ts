import { SANDBOX_DEFAULT_WX_USER, SANDBOX_WX_USER_COOKIE } from '../../../sandbox';
import { startSandbox, type Harness } from '../sandbox-harness';

describe('connect/oauth2/authorize', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  const location = (res: Response) => new URL(res.headers.get('location') ?? 'http://no-location.invalid/');

  it('approves at once: 302 to redirect_uri with code and state appended', async () => {
    const res = await h.authorize({ state: 'abc123XYZ' });
    expect(res.status).toBe(302);
    const url = location(res);
    expect(`${url.origin}${url.pathname}`).toBe('http://localhost:3000/h5/callback');
    expect([...url.searchParams.keys()]).toEqual(['code', 'state']);
    expect(url.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(url.searchParams.get('state')).toBe('abc123XYZ');
    expect(h.sandbox.oauth.issuedCodes()).toEqual([url.searchParams.get('code')]);
    expect(h.sandbox.callsTo('connect/oauth2/authorize')).toEqual([
      expect.objectContaining({ method: 'GET', path: '/connect/oauth2/authorize', errcode: 0 }),
    ]);
  });

  it("keeps redirect_uri's own query and fragment, and leaves state out when none was sent", async () => {
    const res = await h.authorize({
      redirect_uri: 'http://127.0.0.1:5173/cb?from=share&x=1#/live/lv1',
      state: undefined,
    });
    expect(res.status).toBe(302);
    const raw = res.headers.get('location') ?? '';
    expect(raw).toMatch(/^http:\/\/127\.0\.0\.1:5173\/cb\?from=share&x=1&code=[A-Za-z0-9]{32}#\/live\/lv1$/);
    expect(location(res).searchParams.has('state')).toBe(false);
  });

  it('passes an empty state back as empty and a 128-character state verbatim', async () => {
    expect(location(await h.authorize({ state: '' })).search).toMatch(/&state=$/);
    const longest = 'aZ09'.repeat(32);
    expect(location(await h.authorize({ state: longest })).searchParams.get('state')).toBe(longest);
  });

  it('hands out a fresh code per visit, for snsapi_userinfo too', async () => {
    const first = location(await h.authorize()).searchParams.get('code');
    const second = location(await h.authorize({ scope: 'snsapi_userinfo' })).searchParams.get('code');
    expect(second).not.toBe(first);
    expect(h.sandbox.oauth.issuedCodes()).toEqual([first, second]);
  });

  it('accepts any port on an OAuth domain, and the domains configured', async () => {
    expect((await h.authorize({ redirect_uri: 'https://LOCALHOST:8443/cb' })).status).toBe(302);
    await h.close();
    h = await startSandbox({ oauthDomains: ['live.example.com'] });
    expect((await h.authorize({ redirect_uri: 'https://live.example.com/api/session/h5/callback' })).status).toBe(302);
    const refused = await h.authorize({ redirect_uri: 'http://localhost:3000/h5/callback' });
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain('错误码：10003');
  });

  it.each([
    ['no appid', { appid: undefined }, 10012, 'appid不能为空'],
    ['an empty appid', { appid: '' }, 10012, 'appid不能为空'],
    ["the mini program's appid", { appid: 'wx3c9e1a7b5d2f4680' }, 10016, 'is not wx'],
    ['no redirect_uri', { redirect_uri: undefined }, 10011, 'redirect_uri不能为空'],
    ['a relative redirect_uri', { redirect_uri: '/h5/callback' }, 10003, 'absolute http(s) URL'],
    ['a javascript: redirect_uri', { redirect_uri: 'javascript:alert(1)//localhost' }, 10003, 'absolute http(s)'],
    ['a redirect_uri on another domain', { redirect_uri: 'https://evil.example/cb' }, 10003, 'evil.example'],
    ['a look-alike domain', { redirect_uri: 'http://localhost.evil.example/cb' }, 10003, 'redirect_uri域名'],
    ['a sub-domain', { redirect_uri: 'http://www.localhost/cb' }, 10003, 'redirect_uri域名与后台配置不一致'],
    ['no scope', { scope: undefined }, 10010, 'scope不能为空'],
    ['snsapi_login (website apps only)', { scope: 'snsapi_login' }, 10005, '此公众号并没有这些scope的权限'],
    ['no response_type', { response_type: undefined }, null, 'response_type must be code'],
    ['response_type=token', { response_type: 'token' }, null, 'response_type must be code'],
    ['a state of 129 characters', { state: 'a'.repeat(129) }, null, 'state must be at most 128 bytes'],
    ['a state with a dash', { state: 'abc-123' }, null, 'state must be'],
    ['a state with non-ASCII letters', { state: 'ÄÖ' }, null, 'state must be'],
  ])('answers %s with an HTML error page (HTTP 200, no redirect, no code)', async (_name, query, errcode, text) => {
    const res = await h.authorize(query);
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(text);
    if (errcode === null) expect(html).not.toContain('错误码');
    else expect(html).toContain(`错误码：${errcode}`);
    expect(h.sandbox.oauth.issuedCodes()).toEqual([]);
    expect(h.sandbox.callsTo('connect/oauth2/authorize')[0]?.errcode).toBe(errcode);
  });

  it('escapes what it echoes into the error page', async () => {
    const html = await (await h.authorize({ appid: '<script>alert(1)</script>' })).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });

  describe('the viewer', () => {
    const openidFor = async (cookie?: string) => {
      const res = await h.authorize({}, cookie === undefined ? {} : { cookie });
      const code = location(res).searchParams.get('code') ?? '';
      return (await h.oauthToken({ code })).json?.openid;
    };

    it('is the sandbox_wx_user cookie', async () => {
      expect(SANDBOX_WX_USER_COOKIE).toBe('sandbox_wx_user');
      expect(await openidFor('theme=dark; sandbox_wx_user=alice_01')).toBe(h.sandbox.oauth.openidForUser('alice_01'));
    });

    it.each([
      ['no cookie', undefined],
      ['an empty cookie', 'sandbox_wx_user='],
      ['a cookie with a space', 'sandbox_wx_user=al%20ice'],
      ['a 33-character cookie', `sandbox_wx_user=${'a'.repeat(33)}`],
    ])('is `viewer` with %s', async (_name, cookie) => {
      expect(SANDBOX_DEFAULT_WX_USER).toBe('viewer');
      expect(await openidFor(cookie)).toBe(h.sandbox.oauth.openidForUser('viewer'));
    });
  });
});
