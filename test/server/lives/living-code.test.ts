import { LivingCodeResponseSchema } from '../../../server/http/schemas/api-schemas';
import { SANDBOX_LIVES } from '../../../sandbox';
import { manualClock, startHarness, type Harness } from '../harness';

describe('POST /api/lives/:livingId/code', () => {
  const clock = manualClock();
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: clock.now });
  });
  afterEach(() => h.close());

  it("asks WeCom for the signed-in viewer's code and returns the launch target", async () => {
    const { token, openid } = await h.login();
    const res = await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${token}`)
      .send({})
      .expect(200);

    const body = LivingCodeResponseSchema.parse(res.body);
    const [call] = h.sandbox.callsTo('living/get_living_code');
    expect(call?.body).toEqual({ livingid: SANDBOX_LIVES.living, openid });
    expect(body.launch.appId).toBe('wx7424030d69bde86e');
    expect(body.launch.username).toBe('gh_25e071b83ee0');
    expect(Date.parse(body.expiresAt) - clock.now()).toBe(300_000);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('keeps a code with +, / and = intact and URL-encodes it into launch.path', async () => {
    const { token } = await h.login();
    const res = await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${token}`)
      .send({})
      .expect(200);
    const code: string = res.body.livingCode;
    expect(code).toMatch(/\+/);
    expect(code).toMatch(/\//);
    expect(code).toMatch(/=/);
    expect(res.body.launch.path).toBe(`pages/watch/index?living_code=${encodeURIComponent(code)}`);
    expect(res.body.launch.path).toMatch(/%2B.*|%2F|%3D/);
    const query = new URLSearchParams(res.body.launch.path.split('?')[1]);
    expect(query.get('living_code')).toBe(code);
    expect(query.get('replay')).toBeNull();
  });

  it('adds replay=1 for a replay, asked for or implied by an ended live', async () => {
    const { token } = await h.login();
    for (const body of [{ replay: true }, {}]) {
      const res = await h.http
        .post(`/api/lives/${SANDBOX_LIVES.endedReplayReady}/code`)
        .set('Authorization', `Bearer ${token}`)
        .send(body)
        .expect(200);
      expect(res.body.launch.path).toMatch(/^pages\/watch\/index\?living_code=[^&]+&replay=1$/);
    }
  });

  it('ignores an openid in the body: the viewer is whoever the session says', async () => {
    const { token, openid } = await h.login();
    await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${token}`)
      .send({ openid: 'oVictimOpenid000000000000', replay: false })
      .expect(200);
    expect(h.sandbox.callsTo('living/get_living_code').map((c) => (c.body as { openid: string }).openid)).toEqual([
      openid,
    ]);
  });

  it("reuses a viewer's code for repeated taps, and fetches a new one near the end of its validity", async () => {
    const { token } = await h.login();
    const tap = () =>
      h.http
        .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
        .set('Authorization', `Bearer ${token}`)
        .send({})
        .expect(200);
    const first = await tap();
    clock.advance(3.5 * 60_000);
    h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 1); // keep it live
    const second = await tap();
    expect(second.body.livingCode).toBe(first.body.livingCode);
    expect(second.body.expiresAt).toBe(first.body.expiresAt);
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(1);

    clock.advance(40_000);
    const third = await tap();
    expect(third.body.livingCode).not.toBe(first.body.livingCode);
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(2);
  });

  it('gives different viewers different codes', async () => {
    const alice = await h.login('alice-code-1');
    const bob = await h.login('bob-code-1');
    const a = await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${alice.token}`)
      .send({})
      .expect(200);
    const b = await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${bob.token}`)
      .send({})
      .expect(200);
    expect(a.body.livingCode).not.toBe(b.body.livingCode);
    expect(h.sandbox.callsTo('living/get_living_code').map((c) => (c.body as { openid: string }).openid)).toEqual([
      alice.openid,
      bob.openid,
    ]);
  });

  it.each([
    ['reservedSoon', {}, 200, undefined],
    ['living', {}, 200, undefined],
    ['living', { replay: true }, 409, 'replay_not_available'],
    ['endedReplayGenerating', {}, 409, 'replay_generating'],
    ['endedReplayDeleted', { replay: true }, 409, 'replay_deleted'],
    ['endedReplayFailed', {}, 409, 'replay_failed'],
    ['endedNoReplay', {}, 409, 'no_replay'],
    ['expired', {}, 409, 'expired'],
    ['cancelled', {}, 409, 'cancelled'],
  ] as const)('for %s with %j answers %i', async (name, body, status, reason) => {
    const { token } = await h.login();
    const res = await h.http
      .post(`/api/lives/${SANDBOX_LIVES[name]}/code`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
    expect(res.status).toBe(status);
    if (reason) {
      expect(res.body.error).toMatchObject({ code: 'LIVE_NOT_WATCHABLE', reason });
      expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(0);
    }
  });

  it('answers 404 for an unknown live', async () => {
    const { token } = await h.login();
    const res = await h.http.post('/api/lives/lvNoSuchLive/code').set('Authorization', `Bearer ${token}`).send({});
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('LIVE_NOT_FOUND');
  });

  it('answers 401 without a session', async () => {
    const res = await h.http.post(`/api/lives/${SANDBOX_LIVES.living}/code`).send({});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_REQUIRED');
  });
});
