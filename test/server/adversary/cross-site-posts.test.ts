/**
 * Issue 17, item 9: a POST authenticated by a cookie (the viewer's `wlv_session`, the funnel's `wlv_visitor`, the
 * staff's `wlv_staff`) must come from our own pages. A page on another site — or a sibling host, from which
 * SameSite=Lax cookies still go along — is refused 403, whatever it sends; a POST without a JSON body is 415 like any
 * other non-JSON body, so a cross-site request cannot get through without a CORS preflight we never grant. The mini
 * program (bearer token, no Origin) and our own pages still work.
 */
import { SANDBOX_LIVES } from '../../../sandbox';
import { createSessionTokens } from '../../../server/sign-in/viewer-session-tokens';
import { SESSION_SECRET, startHarness, type Harness } from '../harness';
import { staffSessionCookie } from '../sign-in/staff-session';

const LIVE = SANDBOX_LIVES.living;
const OURS = 'http://live.test';
const EVIL = 'https://evil.example';

describe('cross-site POSTs with our cookies', () => {
  let h: Harness;
  let viewerCookie: string;
  let visitorCookie: string;
  let staffCookie: string;
  let managerCookie: string;
  let token: string;
  beforeEach(async () => {
    h = await startHarness({
      logLevel: 'silent',
      config: { staff: { agentId: '1000002', userIds: ['zhaomin', 'lifang'], managers: ['lifang'], loginBase: '' } },
    });
    const session = await createSessionTokens({
      secret: SESSION_SECRET,
      appIds: [h.sandbox.credentials.mpAppId],
    }).issue({
      openid: 'o-h5-viewer-000000000000',
      appId: h.sandbox.credentials.mpAppId,
      via: 'h5',
    });
    viewerCookie = `wlv_session=${session.token}`;
    visitorCookie = 'wlv_visitor=abcdefghijklmnopqrstuv';
    staffCookie = await staffSessionCookie(h, 'zhaomin');
    managerCookie = await staffSessionCookie(h, 'lifang');
    token = (await h.login()).token;
  });
  afterEach(() => h.close());

  /** Every route that changes something on a cookie, with a body it would take from our own pages. */
  const routes = () => [
    { path: `/api/lives/${LIVE}/code`, cookie: viewerCookie, body: {}, ok: 200 },
    { path: `/api/lives/${LIVE}/views`, cookie: visitorCookie, body: { from: 'poster' }, ok: 204 },
    { path: `/api/lives/${LIVE}/views`, cookie: viewerCookie, body: {}, ok: 204 },
    { path: `/api/lives/${LIVE}/opens`, cookie: viewerCookie, body: {}, ok: 204 },
    { path: '/api/staff/session/logout', cookie: staffCookie, body: {}, ok: 204 },
    // A bad body from our own pages is 400: past the origin check, refused by validation (no WeCom call).
    { path: '/api/staff/lives', cookie: managerCookie, body: { theme: '' }, ok: 400 },
  ];

  it('refuses a request from another site, or a sibling host, on every cookie-authenticated route: 403', async () => {
    for (const { path, cookie, body } of routes()) {
      const attempts = [
        h.http.post(path).set('Cookie', cookie).set('Origin', EVIL).send(body),
        h.http.post(path).set('Cookie', cookie).set('Origin', 'null').send(body),
        h.http.post(path).set('Cookie', cookie).set('Origin', OURS).set('Sec-Fetch-Site', 'cross-site').send(body),
        h.http.post(path).set('Cookie', cookie).set('Sec-Fetch-Site', 'same-site').send(body),
        // An empty-bodied POST from another site, as a form or fetch without preflight sends it.
        h.http.post(path).set('Cookie', cookie).set('Origin', EVIL),
        h.http.post(path).set('Cookie', cookie).set('Origin', EVIL).set('Content-Type', 'text/plain').send('{}'),
        // No Origin at all with a cookie: only a forged request or a very old browser.
        h.http.post(path).set('Cookie', cookie).send(body),
      ];
      for (const res of await Promise.all(attempts)) {
        expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'FORBIDDEN']);
      }
    }
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(0);
    expect(h.sandbox.callsTo('living/create')).toHaveLength(0);
  });

  it('refuses a POST without a JSON body like any other non-JSON body: 415, even from our own pages', async () => {
    for (const { path, cookie } of routes()) {
      const res = await h.http.post(path).set('Cookie', cookie).set('Origin', OURS);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
    const bearer = await h.http.post(`/api/lives/${LIVE}/code`).set('Authorization', `Bearer ${token}`);
    expect([bearer.status, bearer.body.error?.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const login = await h.http.post('/api/session/weapp');
    expect([login.status, login.body.error?.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(0);
  });

  it('lets our own pages (same origin) and the mini program (bearer, no Origin) through', async () => {
    for (const { path, cookie, body, ok } of routes()) {
      const res = await h.http
        .post(path)
        .set('Cookie', cookie)
        .set('Origin', OURS)
        .set('Sec-Fetch-Site', 'same-origin')
        .send(body);
      expect([path, res.status]).toEqual([path, ok]);
    }
    await h.http.post(`/api/lives/${LIVE}/code`).set('Authorization', `Bearer ${token}`).send({}).expect(200);
    await h.http.post(`/api/lives/${LIVE}/views`).send({}).expect(204);
    await h.http.post(`/api/lives/${LIVE}/opens`).set('Authorization', `Bearer ${token}`).send({}).expect(204);
    // WeCom's callback is a server's POST with its own signature and an XML body: not refused for lacking Origin.
    const callback = await h.http
      .post('/api/wecom/callback?msg_signature=x&timestamp=1&nonce=1')
      .set('Content-Type', 'text/xml')
      .send('<xml></xml>');
    expect(callback.status).not.toBe(403);
    expect(callback.status).not.toBe(415);
  });
});
