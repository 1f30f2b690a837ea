import { SANDBOX_LIVES } from '../../../sandbox';
import { loadConfig } from '../../../server/config/config';
import { startHarness, type Harness } from '../harness';
import { staffSessionCookie } from '../sign-in/staff-session';
import { MINI_TEMPLATE, MP_TEMPLATE, h5Cookie, reminderConfig } from './reminder-support';

const RESERVED = SANDBOX_LIVES.reservedSoon;
const ORIGIN = 'http://live.test';
const STAFF = { agentId: '1000002', userIds: ['zhaomin'], managers: [] as string[], loginBase: '' };

describe('GET/POST /api/lives/:livingId/reminder', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      config: { reminders: reminderConfig(loadConfig({ SANDBOX: '1' }).reminders), staff: STAFF },
    });
  });
  afterEach(async () => {
    await h.services.reminderJobs.stop();
    await h.close();
  });

  it("offers the mini program's template for a reserved live, and nothing for a live already on", async () => {
    const { token } = await h.login();
    const bearer = `Bearer ${token}`;
    const reserved = await h.http.get(`/api/lives/${RESERVED}/reminder`).set('Authorization', bearer).expect(200);
    expect(reserved.body).toEqual({ templateId: MINI_TEMPLATE, subscribed: false });
    expect(reserved.headers['cache-control']).toBe('no-store');
    const living = await h.http.get(`/api/lives/${SANDBOX_LIVES.living}/reminder`).set('Authorization', bearer);
    expect(living.body).toEqual({ templateId: null, subscribed: false });
  });

  it('records an accept once, however often it is told', async () => {
    const { token } = await h.login();
    const post = () =>
      h.http
        .post(`/api/lives/${RESERVED}/reminder`)
        .set('Authorization', `Bearer ${token}`)
        .send({ templateId: MINI_TEMPLATE });
    expect((await post().expect(200)).body).toEqual({ templateId: MINI_TEMPLATE, subscribed: true });
    await post().expect(200);
    const state = await h.http.get(`/api/lives/${RESERVED}/reminder`).set('Authorization', `Bearer ${token}`);
    expect(state.body).toEqual({ templateId: MINI_TEMPLATE, subscribed: true });
    const stats = await h.services.reminders.stats(RESERVED);
    expect(stats).toEqual({ subscribers: 1, pending: 1, sent: 0, failed: [], sending: false });
  });

  it.each([
    ["the service account's template from a mini program session", { templateId: MP_TEMPLATE }],
    ['a made-up template', { templateId: 'not-ours' }],
    ['a template that is not a template id', { templateId: '../../etc' }],
    ['no template', {}],
    ['a template of the wrong type', { templateId: ['x'] }],
  ])('answers 400 for %s and records nothing', async (_, body) => {
    const { token } = await h.login();
    const res = await h.http.post(`/api/lives/${RESERVED}/reminder`).set('Authorization', `Bearer ${token}`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_BODY');
    expect((await h.services.reminders.stats(RESERVED)).subscribers).toBe(0);
  });

  it('answers 409 for a live that is not reserved, 401 without a session, 400 for a malformed id', async () => {
    const { token } = await h.login();
    const started = await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/reminder`)
      .set('Authorization', `Bearer ${token}`)
      .send({ templateId: MINI_TEMPLATE });
    expect([started.status, started.body.error.code]).toEqual([409, 'LIVE_ALREADY_STARTED']);
    const cancelled = await h.http
      .post(`/api/lives/${SANDBOX_LIVES.cancelled}/reminder`)
      .set('Authorization', `Bearer ${token}`)
      .send({ templateId: MINI_TEMPLATE });
    expect(cancelled.status).toBe(409);
    await h.http.get(`/api/lives/${RESERVED}/reminder`).expect(401);
    await h.http.post(`/api/lives/${RESERVED}/reminder`).send({ templateId: MINI_TEMPLATE }).expect(401);
    await h.http.get('/api/lives/bad%20id/reminder').set('Authorization', `Bearer ${token}`).expect(400);
  });

  it("records an H5 viewer with the service account's openid and template", async () => {
    const cookie = await h5Cookie(h, 'o-h5-viewer');
    const state = await h.http.get(`/api/lives/${RESERVED}/reminder`).set('Cookie', cookie).expect(200);
    expect(state.body.templateId).toBe(MP_TEMPLATE);
    await h.http
      .post(`/api/lives/${RESERVED}/reminder`)
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .send({ templateId: MINI_TEMPLATE })
      .expect(400);
    // A cookie request from another site is refused before anything is recorded.
    await h.http
      .post(`/api/lives/${RESERVED}/reminder`)
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .send({ templateId: MP_TEMPLATE })
      .expect(403);
    await h.http
      .post(`/api/lives/${RESERVED}/reminder`)
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .send({ templateId: MP_TEMPLATE })
      .expect(200);
    expect(await h.services.reminders.stats(RESERVED)).toMatchObject({ subscribers: 1, pending: 1 });
  });

  it('asks for wx-open-subscribe in the JS-SDK config when the service account has a template', async () => {
    const res = await h.http
      .get('/api/jssdk/config')
      .query({ url: `${ORIGIN}/pages/live/index?id=x` })
      .expect(200);
    expect(res.body.openTagList).toEqual(['wx-open-launch-weapp', 'wx-open-subscribe']);
  });

  it('gives staff the counts, and nobody else', async () => {
    const cookie = await staffSessionCookie(h);
    const res = await h.http.get(`/api/staff/lives/${RESERVED}/reminders`).set('Cookie', cookie).expect(200);
    expect(res.body).toEqual({ subscribers: 0, pending: 0, sent: 0, failed: [], sending: false });
    const { token } = await h.login();
    await h.http.get(`/api/staff/lives/${RESERVED}/reminders`).set('Authorization', `Bearer ${token}`).expect(401);
    await h.http.get(`/api/staff/lives/${RESERVED}/reminders`).expect(401);
  });
});

describe('without reminder templates', () => {
  it('offers no reminder, refuses every template, and leaves the open tags alone', async () => {
    const h = await startHarness();
    try {
      const { token } = await h.login();
      const state = await h.http.get(`/api/lives/${RESERVED}/reminder`).set('Authorization', `Bearer ${token}`);
      expect(state.body).toEqual({ templateId: null, subscribed: false });
      await h.http
        .post(`/api/lives/${RESERVED}/reminder`)
        .set('Authorization', `Bearer ${token}`)
        .send({ templateId: MINI_TEMPLATE })
        .expect(400);
      const config = await h.http
        .get('/api/jssdk/config')
        .query({ url: `${ORIGIN}/` })
        .expect(200);
      expect(config.body.openTagList).toEqual(['wx-open-launch-weapp']);
    } finally {
      await h.services.reminderJobs.stop();
      await h.close();
    }
  });
});

describe('a live full of reminders', () => {
  let h: Harness;
  afterEach(async () => {
    await h.services.reminderJobs.stop();
    await h.close();
  });

  it('answers 429 past REMINDERS_PER_LIVE and records no more, while those already in keep their reminder', async () => {
    h = await startHarness({
      config: { reminders: reminderConfig(loadConfig({ SANDBOX: '1' }).reminders, { maxPerLive: 2 }) },
    });
    const viewers = await Promise.all([h.login(), h.login(), h.login()]);
    const post = (token: string) =>
      h.http
        .post(`/api/lives/${RESERVED}/reminder`)
        .set('Authorization', `Bearer ${token}`)
        .send({ templateId: MINI_TEMPLATE });
    await post(viewers[0]!.token).expect(200);
    await post(viewers[1]!.token).expect(200);
    const third = await post(viewers[2]!.token);
    expect([third.status, third.body.error.code]).toEqual([429, 'TOO_MANY_REQUESTS']);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // Asking again is harmless for a viewer already in, full or not.
    expect((await post(viewers[0]!.token).expect(200)).body).toEqual({ templateId: MINI_TEMPLATE, subscribed: true });
    expect((await h.services.reminders.stats(RESERVED)).subscribers).toBe(2);
  });
});
