import {
  SANDBOX_MEMBERS,
  SANDBOX_NON_STAFF_MEMBER,
  SANDBOX_STAFF_MEMBER,
  SANDBOX_WECOM_USER_COOKIE,
} from '../../../../sandbox';
import { startSandbox, type Harness } from '../../sandbox-harness';

const location = (res: Response) => new URL(res.headers.get('location') ?? 'http://no-location.invalid/');
const codeOf = (res: Response) => location(res).searchParams.get('code') ?? '';

describe('WeCom members', () => {
  it('are the three anchors, the bulk anchor, 赵敏 and 刘洋 (an e-mail-like userid); zhaomin is staff, wangqiang a member who is not', () => {
    expect(SANDBOX_MEMBERS).toMatchObject({
      zhangwei: { name: '张伟', department: 'product' },
      lifang: { name: '李芳', department: 'marketing' },
      wangqiang: { name: '王强', department: 'training' },
      zhaomin: { name: '赵敏', department: 'marketing' },
      'liu.yang@hq': { name: '刘洋', department: 'marketing' },
    });
    expect(SANDBOX_STAFF_MEMBER).toBe('zhaomin');
    expect(SANDBOX_NON_STAFF_MEMBER).toBe('wangqiang');
    expect(SANDBOX_MEMBERS).toHaveProperty(SANDBOX_NON_STAFF_MEMBER);
  });
});

describe.each([
  ['member OAuth (connect/oauth2/authorize with the corp id)', 'memberAuthorize', 'connect/oauth2/authorize'],
  ['web QR login (wwlogin/sso/login)', 'ssoLogin', 'wwlogin/sso/login'],
] as const)('%s', (_name, open, api) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it('approves at once: 302 to redirect_uri?code=CODE&state=S', async () => {
    const res = await h[open]({ state: 'abc123XYZ' });
    expect(res.status).toBe(302);
    const url = location(res);
    expect(`${url.origin}${url.pathname}`).toBe('http://localhost:3000/staff/callback');
    expect([...url.searchParams.keys()]).toEqual(['code', 'state']);
    expect(url.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(url.searchParams.get('state')).toBe('abc123XYZ');
    expect(h.sandbox.members.issuedCodes()).toEqual([url.searchParams.get('code')]);
    expect(h.sandbox.oauth.issuedCodes()).toEqual([]);
    expect(h.sandbox.callsTo(api)).toEqual([expect.objectContaining({ method: 'GET', errcode: 0 })]);
  });

  it("keeps redirect_uri's own query and leaves state out when none was sent", async () => {
    const res = await h[open]({ redirect_uri: 'http://127.0.0.1:5173/cb?next=%2Fconsole', state: undefined });
    expect(res.headers.get('location')).toMatch(
      /^http:\/\/127\.0\.0\.1:5173\/cb\?next=%2Fconsole&code=[A-Za-z0-9]{43}$/,
    );
  });

  it.each([
    ['no cookie', undefined, SANDBOX_STAFF_MEMBER],
    ['an empty cookie', 'sandbox_wecom_user=', SANDBOX_STAFF_MEMBER],
    ['a member', 'theme=dark; sandbox_wecom_user=wangqiang', 'wangqiang'],
  ])('signs in as the sandbox_wecom_user cookie: %s', async (_case, cookie, userid) => {
    expect(SANDBOX_WECOM_USER_COOKIE).toBe('sandbox_wecom_user');
    const code = codeOf(await h[open]({}, cookie === undefined ? {} : { cookie }));
    expect((await h.getUserInfo({ code })).json).toEqual({ errcode: 0, errmsg: 'ok', userid });
  });

  it('signs in a non-member named by the cookie, who gets an openid and no userid', async () => {
    const code = codeOf(await h[open]({}, { cookie: 'sandbox_wecom_user=external' }));
    const answer = (await h.getUserInfo({ code })).json;
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok', openid: h.sandbox.members.openidFor('external') });
  });

  it('redirects only to the trusted domains configured', async () => {
    await h.close();
    h = await startSandbox({ wecomDomains: ['staff.example.com'] });
    expect((await h[open]({ redirect_uri: 'https://staff.example.com:8443/cb' })).status).toBe(302);
    const refused = await h[open]({ redirect_uri: 'http://localhost:3000/staff/callback' });
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain('错误码：50001');
  });

  it.each([
    ['no agentid', { agentid: undefined }, 41011, '缺少agentid参数'],
    ['another agentid', { agentid: '1000003' }, 40056, '不合法的agentid'],
    ['no redirect_uri', { redirect_uri: undefined }, null, 'redirect_uri is missing'],
    ['a relative redirect_uri', { redirect_uri: '/staff/callback' }, 50001, 'absolute http(s) URL'],
    ['a redirect_uri on another domain', { redirect_uri: 'https://evil.example/cb' }, 50001, '应用可信域名'],
    ['a look-alike domain', { redirect_uri: 'http://localhost.evil.example/cb' }, 50001, 'evil.example'],
    ['a state of 129 characters', { state: 'a'.repeat(129) }, null, 'state must be at most 128 bytes'],
    ['a state with a dash', { state: 'abc-123' }, null, 'state must be'],
  ])('answers %s with WeCom’s HTML error page (HTTP 200, no code)', async (_case, query, errcode, text) => {
    const res = await h[open](query);
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<title>企业微信</title>');
    expect(html).toContain(text);
    if (errcode === null) expect(html).not.toContain('错误码');
    else expect(html).toContain(`错误码：${errcode}`);
    expect(h.sandbox.members.issuedCodes()).toEqual([]);
    expect(h.sandbox.callsTo(api)[0]?.errcode).toBe(errcode);
  });

  it('shows a failNext fault as WeCom’s error page', async () => {
    h.sandbox.faults.failNext(api, 50001);
    const res = await h[open]();
    expect(await res.text()).toContain('<title>企业微信</title>');
    expect((await h[open]()).status).toBe(302);
    expect(h.sandbox.callsTo(api).map((c) => c.errcode)).toEqual([50001, 0]);
  });
});

describe('connect/oauth2/authorize, by appid', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it("is WeChat's service-account OAuth for the service account's appid, WeCom's for the corp id", async () => {
    const wechat = await h.authorize();
    expect(h.sandbox.oauth.issuedCodes()).toEqual([codeOf(wechat)]);
    const wecom = await h.memberAuthorize();
    expect(h.sandbox.members.issuedCodes()).toEqual([codeOf(wecom)]);
    expect(h.sandbox.callsTo('connect/oauth2/authorize')).toHaveLength(2);
  });

  it("refuses no appid or another appid on WeChat's page, and a WeChat-only scope on WeCom's", async () => {
    expect(await (await h.memberAuthorize({ appid: undefined })).text()).toContain('错误码：10012');
    expect(await (await h.memberAuthorize({ appid: 'ww0000000000000000' })).text()).toContain('错误码：10016');
    const wecom = await h.memberAuthorize({ scope: 'snsapi_userinfo' });
    const html = await wecom.text();
    expect(html).toContain('<title>企业微信</title>');
    expect(html).toContain('scope must be snsapi_base');
  });

  it('needs response_type=code', async () => {
    expect(await (await h.memberAuthorize({ response_type: 'token' })).text()).toContain('response_type must be code');
  });

  it('a failNext fault shows the page of the platform the appid names', async () => {
    h.sandbox.faults.failNext('connect/oauth2/authorize', 10009, 2);
    expect(await (await h.memberAuthorize()).text()).toContain('<title>企业微信</title>');
    expect(await (await h.authorize()).text()).toContain('<title>微信网页授权</title>');
  });
});

describe('wwlogin/sso/login', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it.each([
    ['no login_type', undefined],
    ['ServiceApp (third-party apps)', 'ServiceApp'],
  ])('refuses %s', async (_case, loginType) => {
    expect(await (await h.ssoLogin({ login_type: loginType })).text()).toContain('login_type must be CorpApp');
  });

  it('refuses a missing corp id with 41002 and another with 40013', async () => {
    expect(await (await h.ssoLogin({ appid: undefined })).text()).toContain('错误码：41002');
    expect(await (await h.ssoLogin({ appid: 'ww0000000000000000' })).text()).toContain('错误码：40013');
  });

  it('approves as the scanner set with scanAs, whatever the cookie says, until it is cleared or reset', async () => {
    const userid = async () =>
      (await h.getUserInfo({ code: codeOf(await h.ssoLogin({}, { cookie: 'sandbox_wecom_user=zhangwei' })) })).json
        ?.userid;
    h.sandbox.members.scanAs('lifang');
    expect(h.sandbox.members.scanner()).toBe('lifang');
    expect(await userid()).toBe('lifang');
    h.sandbox.members.scanAs(undefined);
    expect(await userid()).toBe('zhangwei');
    h.sandbox.members.scanAs('lifang');
    h.sandbox.reset();
    expect(h.sandbox.members.scanner()).toBeUndefined();
  });

  it('the scanner does not sign anyone in to the WeCom client', async () => {
    h.sandbox.members.scanAs('lifang');
    const code = codeOf(await h.memberAuthorize());
    expect((await h.getUserInfo({ code })).json?.userid).toBe(SANDBOX_STAFF_MEMBER);
  });
});
