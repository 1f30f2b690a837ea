import { SANDBOX_LIVES } from '../../../sandbox';
import { startHarness, type Harness } from '../harness';
import { staffSessionCookie } from '../sign-in/staff-session';

const STAFF = { agentId: '1000002', userIds: ['zhaomin'], managers: [] as string[], loginBase: '' };
const LIVE: string = SANDBOX_LIVES.living;
/** Ended, replay deleted: no code is issued for it. */
const NOT_WATCHABLE = SANDBOX_LIVES.endedReplayDeleted;

const cookieOf = (res: { headers: Record<string, unknown> }, name: string) =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

describe('our funnel, through the BFF', () => {
  let h: Harness;
  let staffCookie: string;

  beforeEach(async () => {
    h = await startHarness({ config: { staff: STAFF } });
    staffCookie = await staffSessionCookie(h);
  });
  afterEach(() => h.close());

  const funnel = async (livingId = LIVE) =>
    (await h.http.get(`/api/staff/lives/${livingId}/funnel`).set('Cookie', staffCookie).expect(200)).body;
  const view = (body: object, cookie?: string) => {
    const req = h.http.post(`/api/lives/${LIVE}/views`).send(body);
    // A browser sends its own Origin with the cookie (the BFF refuses a cookie without one).
    return cookie ? req.set('Cookie', cookie).set('Origin', 'http://live.test') : req;
  };
  const code = (token: string, body: object = {}, livingId = LIVE) =>
    h.http.post(`/api/lives/${livingId}/code`).set('Authorization', `Bearer ${token}`).send(body);
  const open = (token: string, body: object = {}) =>
    h.http.post(`/api/lives/${LIVE}/opens`).set('Authorization', `Bearer ${token}`).send(body);

  it('counts a page view once per visitor, by campaign tag, with a cookie it sets itself', async () => {
    const first = await view({ from: 'wx-article' }).expect(204);
    const visitor = cookieOf(first, 'wlv_visitor')!;
    expect(visitor).toMatch(/^wlv_visitor=[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{22}$/);
    const setCookie = (first.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('wlv_visitor='))!;
    expect(setCookie).toMatch(/httponly/i);
    expect(setCookie).toMatch(/expires=/i);
    // The same browser again (a reload, the page coming back from WeChat's sign-in): the same visitor.
    const again = await view({ from: 'wx-article' }, visitor).expect(204);
    expect(cookieOf(again, 'wlv_visitor')).toBeUndefined();
    await view({ from: 'wx-article' }).expect(204); // another browser
    await view({}).expect(204); // untagged
    // The mini program: an install id the BFF issued, kept and sent with every view.
    const issued = await h.http.post('/api/visitors').send({}).expect(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    const install = (issued.body as { visitor: string }).visitor;
    await view({ visitor: install }).expect(204);
    await view({ visitor: install }).expect(204);

    expect(await funnel()).toEqual({
      total: { views: 4, taps: 0, opens: 0 },
      byTag: [
        { from: '', views: 2, taps: 0, opens: 0 },
        { from: 'wx-article', views: 2, taps: 0, opens: 0 },
      ],
    });
  });

  it('refuses a view with a malformed tag (400) and a view of a live that does not exist (404)', async () => {
    for (const from of ['', 'has space', 'x'.repeat(33), '标签', 42]) {
      const res = await view({ from }).expect(400);
      expect(res.body.error.code).toBe('INVALID_BODY');
    }
    await view({ visitor: 'short' }).expect(400);
    // An install id the BFF did not issue (made up, or from before ids were signed): refused, so it asks for one.
    await view({ visitor: 'install-0123456789abcdef' }).expect(400);
    await view({ visitor: 'install-0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAA' }).expect(400);
    const missing = await h.http.post('/api/lives/lvNoSuchLiveAtAll0000000000000000/views').send({});
    expect(missing.status).toBe(404);
    expect((await funnel()).total).toEqual({ views: 0, taps: 0, opens: 0 });
  });

  it('counts a tap only when a code is issued, once per viewer and code, and a bad tag never costs the code', async () => {
    const a = await h.login();
    const b = await h.login();
    await code(a.token, { from: 'poster' }).expect(200);
    await code(a.token, { from: 'poster' }).expect(200); // the same code again (reused for 4 minutes)
    await code(b.token, { from: 'not a tag!' }).expect(200); // dropped: counted untagged
    // Refused: the live cannot be watched; no code, no tap.
    const refused = await code(a.token, { from: 'poster' }, NOT_WATCHABLE);
    expect(refused.status).toBe(409);
    await h.http.post(`/api/lives/${LIVE}/code`).send({ from: 'poster' }).expect(401);

    expect((await funnel()).byTag).toEqual([
      { from: '', views: 0, taps: 1, opens: 0 },
      { from: 'poster', views: 0, taps: 1, opens: 0 },
    ]);
    expect((await funnel(NOT_WATCHABLE)).total).toEqual({ views: 0, taps: 0, opens: 0 });
  });

  it('does not count a tap when WeCom holds the code back (503)', async () => {
    const a = await h.login();
    h.sandbox.faults.failNext('living/get_living_code', 45009, 1);
    const busy = await code(a.token, { from: 'poster' });
    expect(busy.status).toBe(503);
    expect((await funnel()).total.taps).toBe(0);
  });

  it('counts an open once per viewer and code, only after a code, and a replay not at all', async () => {
    const a = await h.login();
    const b = await h.login();
    await open(a.token, { from: 'poster' }).expect(204); // no code yet: nothing to count
    await code(a.token, { from: 'poster' }).expect(200);
    await open(a.token, { from: 'poster' }).expect(204);
    await open(a.token, { from: 'poster' }).expect(204); // replayed
    await code(b.token).expect(200);
    await open(b.token).expect(204);
    await h.http.post(`/api/lives/${LIVE}/opens`).send({}).expect(401);
    await open(a.token, { from: 'bad tag' }).expect(400);

    expect(await funnel()).toEqual({
      total: { views: 0, taps: 2, opens: 2 },
      byTag: [
        { from: '', views: 0, taps: 1, opens: 1 },
        { from: 'poster', views: 0, taps: 1, opens: 1 },
      ],
    });
  });

  it('keeps no identity anywhere it answers: beacons say nothing, and the staff funnel only numbers', async () => {
    const a = await h.login();
    // A signed-in viewer without a visitor cookie is counted by the session, and given no cookie.
    const viewed = await view({ from: 'poster' }).set('Authorization', `Bearer ${a.token}`).expect(204);
    expect(viewed.text).toBe('');
    expect(cookieOf(viewed, 'wlv_visitor')).toBeUndefined();
    expect(JSON.stringify(viewed.headers)).not.toContain(a.openid);
    await view({ from: 'poster' }).set('Authorization', `Bearer ${a.token}`).expect(204);
    await code(a.token).expect(200);
    const opened = await open(a.token).expect(204);
    expect(opened.text).toBe('');
    const answer = await funnel();
    expect(answer.total).toEqual({ views: 1, taps: 1, opens: 1 });
    expect(JSON.stringify(answer)).not.toContain(a.openid);
  });

  it('serves the funnel to staff only: 401 without a session, 403 for a viewer, 404 for an unknown live', async () => {
    const a = await h.login();
    await h.http.get(`/api/staff/lives/${LIVE}/funnel`).expect(401);
    const viewerOnly = await h.http.get(`/api/staff/lives/${LIVE}/funnel`).set('Authorization', `Bearer ${a.token}`);
    expect([401, 403]).toContain(viewerOnly.status);
    await h.http
      .get('/api/staff/lives/lvNoSuchLiveAtAll0000000000000000/funnel')
      .set('Cookie', staffCookie)
      .expect(404);
  });

  it('limits beacons per client address apart from code requests (429 past the allowance)', async () => {
    await h.close();
    h = await startHarness({
      config: {
        staff: STAFF,
        limits: { loginsPerIpPerMinute: 100, codesPerSessionPerMinute: 30, codesPerIpPerMinute: 3, socketsPerIp: 50 },
      },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await view({ from: 'poster' })).status);
    expect(statuses).toEqual([204, 204, 204, 429]);
    const a = await h.login();
    await code(a.token).expect(200); // the codes' own counter is untouched
  });

  it('keeps the tag of a short link on its way to the live page (and drops one that is not a tag)', async () => {
    const tagged = await h.http.get(`/live/${LIVE}?from=wx-article&replay=1`).expect(302);
    expect(tagged.headers.location).toBe(`/pages/live/index?id=${LIVE}&replay=1&from=wx-article`);
    const bad = await h.http.get(`/live/${LIVE}?from=${encodeURIComponent('<script>')}`).expect(302);
    expect(bad.headers.location).toBe(`/pages/live/index?id=${LIVE}`);
  });
});
