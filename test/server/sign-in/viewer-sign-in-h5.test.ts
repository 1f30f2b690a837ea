import { SANDBOX_LIVES } from '../../../sandbox';
import { createMemoryStore } from '../../../server/store/memory-store';
import { manualClock, startHarness, type Harness } from '../harness';

/** `name=value` of a Set-Cookie header, and its attributes. */
function cookie(res: { headers: Record<string, unknown> }, name: string) {
  const all = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const line = all.find((c) => c.startsWith(`${name}=`));
  return line
    ? { pair: line.split(';')[0]!, value: line.split(';')[0]!.slice(name.length + 1), attributes: line.toLowerCase() }
    : undefined;
}

describe('H5 sign-in (silent WeChat OAuth)', () => {
  const clock = manualClock();
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: clock.now });
  });
  afterEach(() => h.close());

  /** Starts the sign-in and lets the sandbox's authorize page approve it, as WeChat would. */
  async function startAndApprove(returnTo = '/live/lvX?replay=1', browserCookie?: string) {
    const request = h.http.get('/api/session/h5').query({ returnTo });
    const start = await (browserCookie ? request.set('Cookie', browserCookie) : request).expect(302);
    const location = new URL(start.headers.location as string);
    const approved = await fetch(location, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const callback = new URL(approved.headers.get('location')!);
    return { start, location, callback, stateCookie: cookie(start, 'wlv_oauth')! };
  }

  const callback = (url: URL, stateCookie?: string) => {
    const req = h.http.get(`${url.pathname}${url.search}`);
    return stateCookie ? req.set('Cookie', stateCookie) : req;
  };

  it("redirects to WeChat's authorize page with a short alphanumeric state", async () => {
    const { location, start, stateCookie } = await startAndApprove();
    expect(`${location.origin}${location.pathname}`).toBe(`${h.base}/connect/oauth2/authorize`);
    expect(location.hash).toBe('#wechat_redirect');
    const q = Object.fromEntries(location.searchParams);
    expect(q).toEqual({
      appid: h.sandbox.credentials.mpAppId,
      redirect_uri: 'http://live.test/api/session/h5/callback',
      response_type: 'code',
      scope: 'snsapi_base',
      state: expect.stringMatching(/^[A-Za-z0-9]{16,128}$/),
    });
    expect(stateCookie.value).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(stateCookie.value).not.toBe(q.state);
    expect(stateCookie.attributes).toContain('httponly');
    expect(stateCookie.attributes).toContain('samesite=lax');
    expect(start.headers['cache-control']).toBe('no-store');
  });

  it('signs the viewer in and lands on the clean return URL with an HttpOnly session cookie', async () => {
    const { callback: url, stateCookie } = await startAndApprove('/live/lvX?replay=1');
    const landed = await callback(url, stateCookie.pair).expect(302);
    expect(landed.headers.location).toBe('/live/lvX?replay=1');
    const session = cookie(landed, 'wlv_session')!;
    expect(session.attributes).toContain('httponly');
    expect(session.attributes).toContain('samesite=lax');
    expect(session.attributes).not.toContain('secure');

    await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Cookie', session.pair)
      .set('Origin', 'http://live.test')
      .send({})
      .expect(200);
    const [call] = h.sandbox.callsTo('living/get_living_code');
    expect(call?.body).toEqual({ livingid: SANDBOX_LIVES.living, openid: h.sandbox.oauth.openidForUser('viewer') });
    expect(h.sandbox.callsTo('sns/oauth2/access_token')[0]?.query).toMatchObject({
      appid: h.sandbox.credentials.mpAppId,
      secret: h.sandbox.credentials.mpSecret,
      grant_type: 'authorization_code',
    });
  });

  it('marks cookies Secure when the public origin is https', async () => {
    await h.close();
    h = await startHarness({ now: clock.now, config: { publicOrigin: 'https://live.example.com' } });
    const start = await h.http.get('/api/session/h5').expect(302);
    expect(cookie(start, 'wlv_oauth')!.attributes).toContain('secure');
    expect(new URL(start.headers.location as string).searchParams.get('redirect_uri')).toBe(
      'https://live.example.com/api/session/h5/callback',
    );
    const { callback: url, stateCookie } = await startAndApprove();
    const landed = await callback(url, stateCookie.pair).expect(302);
    expect(cookie(landed, 'wlv_session')!.attributes).toContain('secure');
  });

  it.each([
    '//evil.com',
    'https://evil.com/x',
    '/\\evil.com',
    '%2F%2Fevil.com',
    '/%2F%2Fevil.com',
    '/%5Cevil.com',
    '/.//evil.com',
    '/a/..//evil.com',
  ])('refuses returnTo=%p', async (returnTo) => {
    const res = await h.http.get('/api/session/h5').query({ returnTo });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_RETURN_TO');
    expect(res.headers.location).toBeUndefined();
  });

  const expectFriendlyFailure = (res: { status: number; headers: Record<string, unknown>; text: string }) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain('重新进入');
    expect(cookie(res, 'wlv_session')).toBeUndefined();
  };

  it('ends a tampered state on a friendly page with a retry link, never a redirect', async () => {
    const { callback: url, stateCookie } = await startAndApprove();
    const state = url.searchParams.get('state')!;
    url.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    expectFriendlyFailure(await callback(url, stateCookie.pair));
  });

  it('refuses a callback from a browser that did not start the sign-in', async () => {
    const { callback: url } = await startAndApprove();
    expectFriendlyFailure(await callback(url));
  });

  it('refuses an expired state without asking WeChat about the code', async () => {
    const { callback: url, stateCookie } = await startAndApprove();
    clock.advance(11 * 60_000);
    const res = await callback(url, stateCookie.pair);
    expectFriendlyFailure(res);
    expect(res.text).toContain('href="/"');
    expect(h.sandbox.callsTo('sns/oauth2/access_token')).toHaveLength(0);
  });

  it('lets two tabs of one browser sign in at the same time', async () => {
    const first = await startAndApprove('/live/lvA');
    const second = await startAndApprove('/live/lvB', first.stateCookie.pair);
    expect(cookie(second.start, 'wlv_oauth')!.value).toBe(first.stateCookie.value);
    expect((await callback(second.callback, first.stateCookie.pair).expect(302)).headers.location).toBe('/live/lvB');
    expect((await callback(first.callback, first.stateCookie.pair).expect(302)).headers.location).toBe('/live/lvA');
  });

  it('ends an overlong state or code on the friendly page, not in a JSON error', async () => {
    const { callback: url, stateCookie } = await startAndApprove();
    const longState = new URL(url);
    longState.searchParams.set('state', 'A'.repeat(4000));
    expectFriendlyFailure(await callback(longState, stateCookie.pair));
    url.searchParams.set('code', 'c'.repeat(4000));
    const res = await callback(url, stateCookie.pair);
    expectFriendlyFailure(res);
    expect(res.text).toContain('href="/api/session/h5?returnTo=%2Flive%2FlvX%3Freplay%3D1"');
    expect(h.sandbox.callsTo('sns/oauth2/access_token')).toHaveLength(0);
  });

  it('answers 503 with a retry link when WeChat cannot complete the exchange', async () => {
    const { callback: url, stateCookie } = await startAndApprove('/live/lvY');
    h.sandbox.faults.failNext('sns/oauth2/access_token', 45009);
    const res = await callback(url, stateCookie.pair);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.text).toContain('href="/api/session/h5?returnTo=%2Flive%2FlvY"');
    expect(cookie(res, 'wlv_session')).toBeUndefined();
  });

  it('keeps pending sign-ins apart from the main store, so a flood of them evicts nothing there', async () => {
    await h.close();
    const store = createMemoryStore({ maxEntries: 50, now: clock.now });
    h = await startHarness({ now: clock.now, stores: { store, signInStore: createMemoryStore({ maxEntries: 50 }) } });
    const viewer = await h.login();
    const code = await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .auth(viewer.token, { type: 'bearer' })
      .send({});
    expect(code.status).toBe(200);
    for (let i = 0; i < 200; i++) await h.http.get('/api/session/h5').expect(302);
    const again = await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .auth(viewer.token, { type: 'bearer' })
      .send({});
    expect(again.body.launch).toEqual(code.body.launch);
    expect(h.sandbox.callsTo('gettoken')).toHaveLength(1);
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(1);
  });

  it('refuses a state used once already (a refresh of the callback URL)', async () => {
    const { callback: url, stateCookie } = await startAndApprove();
    await callback(url, stateCookie.pair).expect(302);
    const again = await callback(url, stateCookie.pair);
    expectFriendlyFailure(again);
    expect(again.text).toContain('href="/"');
  });

  it('offers a fresh sign-in when WeChat refuses a reused code', async () => {
    const first = await startAndApprove('/live/lvY');
    await callback(first.callback, first.stateCookie.pair).expect(302);
    // A new state, but the spent code from the first round trip.
    const second = await startAndApprove('/live/lvY');
    second.callback.searchParams.set('code', first.callback.searchParams.get('code')!);
    const res = await callback(second.callback, second.stateCookie.pair);
    expectFriendlyFailure(res);
    expect(res.text).toContain('href="/api/session/h5?returnTo=%2Flive%2FlvY"');
    expect(h.sandbox.callsTo('sns/oauth2/access_token').at(-1)?.errcode).toBe(40163);
  });
});
