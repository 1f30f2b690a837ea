import { startHarness, type Harness } from '../harness';

const STAFF = { agentId: '1000002', userIds: ['zhaomin', 'lifang'], managers: ['lifang'] };
const WECOM_UA = 'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile/15E148 wxwork/4.1.20 MicroMessenger/7.0.1';

describe('staff sign-in with WeCom', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ config: { staff: { ...STAFF, loginBase: '' } } });
  });
  afterEach(() => h.close());

  const cookie = (res: { headers: Record<string, unknown> }, name: string) =>
    ((res.headers['set-cookie'] as string[] | undefined) ?? [])
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith(`${name}=`));

  /** The whole round trip as `member`; returns the callback's answer and the browser cookie used. */
  async function signInAs(member: string, { userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130' } = {}) {
    const start = await h.http.get('/api/staff/session?returnTo=%2Fstaff%2F').set('User-Agent', userAgent).expect(302);
    const browser = cookie(start, 'wlv_oauth')!;
    const wecom = await fetch(start.headers.location!, {
      redirect: 'manual',
      headers: { cookie: `sandbox_wecom_user=${member}` },
    });
    const back = new URL(wecom.headers.get('location')!);
    const callback = await h.http.get(`${back.pathname}${back.search}`).set('Cookie', browser);
    return { start, callback, browser, back };
  }

  it('signs a staff member in through the web QR login and says who they are', async () => {
    const { start, callback } = await signInAs('zhaomin');
    const login = new URL(start.headers.location!);
    expect(login.pathname).toBe('/wwlogin/sso/login');
    expect(Object.fromEntries(login.searchParams)).toMatchObject({
      login_type: 'CorpApp',
      appid: h.sandbox.credentials.corpId,
      agentid: '1000002',
      redirect_uri: 'http://live.test/api/staff/session/callback',
    });
    expect([callback.status, callback.headers.location]).toEqual([302, '/staff/']);
    const session = cookie(callback, 'wlv_staff')!;
    const setCookie = (callback.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('wlv_staff='))!;
    expect(setCookie).toMatch(/httponly/i);
    expect(setCookie).toMatch(/samesite=strict/i);
    const me = await h.http.get('/api/staff/me').set('Cookie', session).expect(200);
    expect(me.body).toEqual({ userId: 'zhaomin', role: 'staff' });
    expect(h.sandbox.callsTo('auth/getuserinfo')).toHaveLength(1);
  });

  it("uses WeCom's OAuth inside the WeCom client, with the corp id and agent id", async () => {
    const { start, callback } = await signInAs('lifang', { userAgent: WECOM_UA });
    const authorize = new URL(start.headers.location!);
    expect(authorize.pathname).toBe('/connect/oauth2/authorize');
    expect(authorize.hash).toBe('#wechat_redirect');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      appid: h.sandbox.credentials.corpId,
      scope: 'snsapi_base',
      agentid: '1000002',
    });
    const me = await h.http.get('/api/staff/me').set('Cookie', cookie(callback, 'wlv_staff')!).expect(200);
    expect(me.body).toEqual({ userId: 'lifang', role: 'manager' });
  });

  it.each([
    ['a member not on the staff list', 'wangqiang'],
    ['someone outside the corp', 'external-visitor'],
  ])('refuses %s with a 403 page and no session', async (_name, member) => {
    const { callback } = await signInAs(member);
    expect(callback.status).toBe(403);
    expect(callback.headers['content-type']).toMatch(/text\/html/);
    expect(cookie(callback, 'wlv_staff')).toBeUndefined();
  });

  it('names the member the staff list does not hold, so they can ask the admin; nobody else is named', async () => {
    const member = await signInAs('wangqiang');
    expect(member.callback.text).toContain('你还没有管理台的权限');
    expect(member.callback.text).toContain('当前账号：wangqiang');
    const outsider = await signInAs('external-visitor');
    expect(outsider.callback.text).not.toContain('当前账号');
  });

  it('refuses a used state, and a state a viewer sign-in started', async () => {
    const { back, browser } = await signInAs('zhaomin');
    const again = await h.http.get(`${back.pathname}${back.search}`).set('Cookie', browser);
    expect(again.status).toBe(400);
    const viewerStart = await h.http.get('/api/session/h5?returnTo=%2F').expect(302);
    const viewerState = new URL(viewerStart.headers.location!).searchParams.get('state')!;
    const crossed = await h.http
      .get(`/api/staff/session/callback?code=x&state=${viewerState}`)
      .set('Cookie', cookie(viewerStart, 'wlv_oauth')!);
    expect(crossed.status).toBe(400);
  });

  it('refuses a staff request that changes something unless it comes from our own pages, and audits it', async () => {
    const { callback } = await signInAs('zhaomin');
    const session = cookie(callback, 'wlv_staff')!;
    const crossSite = await h.http
      .post('/api/staff/session/logout')
      .set('Cookie', session)
      .set('Origin', 'https://evil.example');
    expect([crossSite.status, crossSite.body.error.code]).toEqual([403, 'FORBIDDEN']);
    await h.http.post('/api/staff/session/logout').set('Cookie', session).expect(403); // no Origin at all
    const ours = await h.http
      .post('/api/staff/session/logout')
      .set('Cookie', session)
      .set('Origin', 'http://live.test')
      .send({});
    expect(ours.status).toBe(204);
    expect(String(ours.headers['set-cookie'])).toMatch(/wlv_staff=;/);
    const audit = h.logs.parsed().filter((l) => l.event === 'staff_action');
    expect(audit.map((l) => [l.userId, l.method, l.route, l.status])).toEqual([
      ['zhaomin', 'POST', '/api/staff/session/logout', 204],
    ]);
  });
});
