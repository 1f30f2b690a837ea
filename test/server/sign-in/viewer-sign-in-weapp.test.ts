import { createSessionTokens } from '../../../server/sign-in/viewer-session-tokens';
import { SANDBOX_LIVES } from '../../../sandbox';
import { SESSION_SECRET, startHarness, type Harness } from '../harness';

describe('viewer sessions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const codeRequest = (token: string) =>
    h.http.post(`/api/lives/${SANDBOX_LIVES.living}/code`).set('Authorization', `Bearer ${token}`).send({});

  it('logs in through jscode2session and returns a token and its expiry, nothing else', async () => {
    const res = await h.http.post('/api/session/weapp').send({ code: 'wx-login-code-1' }).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'token']);
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const [call] = h.sandbox.callsTo('sns/jscode2session');
    expect(call).toMatchObject({
      method: 'GET',
      path: '/sns/jscode2session',
      query: {
        appid: h.sandbox.credentials.miniAppId,
        secret: h.sandbox.credentials.miniSecret,
        js_code: 'wx-login-code-1',
        grant_type: 'authorization_code',
      },
    });
  });

  it('answers 401 LOGIN_FAILED when WeChat refuses the code (used twice)', async () => {
    await h.http.post('/api/session/weapp').send({ code: 'used-once-code' }).expect(200);
    const res = await h.http.post('/api/session/weapp').send({ code: 'used-once-code' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('LOGIN_FAILED');
  });

  it('answers 400 without a code', async () => {
    const res = await h.http.post('/api/session/weapp').send({});
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_BODY');
  });

  it('refuses a tampered token', async () => {
    const { token } = await h.login();
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'oSomeoneElse' })).toString('base64url');
    const res = await codeRequest(`${header}.${forged}.${signature}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_INVALID');
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(0);
  });

  it('refuses a token signed with another secret', async () => {
    const other = createSessionTokens({
      secret: 'another-secret-that-is-also-long-enough-42',
      appIds: [h.sandbox.credentials.miniAppId],
    });
    const { token } = await other.issue({ openid: 'oAttacker', appId: h.sandbox.credentials.miniAppId, via: 'weapp' });
    expect((await codeRequest(token)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const past = createSessionTokens({
      secret: SESSION_SECRET,
      appIds: [h.sandbox.credentials.miniAppId],
      ttlSeconds: 60,
      now: () => Date.now() - 3600_000,
    });
    const { token } = await past.issue({ openid: 'oViewer', appId: h.sandbox.credentials.miniAppId, via: 'weapp' });
    const res = await codeRequest(token);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'SESSION_INVALID', message: expect.stringMatching(/expired/i) });
  });

  it.each(['Basic abc', 'Bearer', 'Bearer not a token', `Bearer ${'x'.repeat(5000)}`])(
    'refuses the header %p',
    async (value) => {
      const res = await h.http.post(`/api/lives/${SANDBOX_LIVES.living}/code`).set('Authorization', value).send({});
      expect(res.status).toBe(401);
    },
  );
});
