/**
 * Adversary item 12 (viewer tokens): a token signed with our SESSION_SECRET was taken whatever app it named and
 * whether or not it expired. Here tokens are signed with the real secret (as a leaked or shared secret, or another
 * deployment on the same secret, would allow) and presented on the real route: one naming an app that is neither our
 * mini program nor our service account, and one without `exp`, are refused with 401 before WeCom is asked.
 */
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { SANDBOX_LIVES } from '../../../sandbox';
import { SESSION_SECRET, startHarness, type Harness } from '../harness';

const key = createHash('sha256').update(SESSION_SECRET).digest();

/** A viewer token as the BFF signs them, with the claims given (no `exp` unless `expiresIn`). */
async function token({ app, expiresIn }: { app: string; expiresIn?: number }) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ app, via: 'weapp' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('oViewerOfAnotherApp')
    .setIssuer('wecom-live-bff')
    .setAudience('viewer')
    .setIssuedAt(now);
  if (expiresIn !== undefined) jwt.setExpirationTime(now + expiresIn);
  return jwt.sign(key);
}

describe('viewer token claims', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const codeRequest = (bearer: string) =>
    h.http.post(`/api/lives/${SANDBOX_LIVES.living}/code`).set('Authorization', `Bearer ${bearer}`).send({});

  it('takes a token for our mini program and our service account (so the refusals below mean something)', async () => {
    for (const app of [h.sandbox.credentials.miniAppId, h.sandbox.credentials.mpAppId]) {
      const res = await codeRequest(await token({ app, expiresIn: 600 }));
      expect([app, res.status]).toEqual([app, 200]);
    }
  });

  it.each([
    ['an app that is not ours', 'wx0000000000000000'],
    ['an empty app', ''],
  ])('refuses a token naming %s', async (_what, app) => {
    const calls = h.sandbox.callsTo('living/get_living_code').length;
    const res = await codeRequest(await token({ app, expiresIn: 600 }));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_INVALID');
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(calls);
  });

  it('refuses a token without an expiry', async () => {
    const res = await codeRequest(await token({ app: h.sandbox.credentials.miniAppId }));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_INVALID');
  });

  it('refuses the same token as the H5 cookie', async () => {
    const forged = await token({ app: 'wx0000000000000000', expiresIn: 600 });
    const res = await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Cookie', `wlv_session=${forged}`)
      .set('Origin', 'http://live.test')
      .send({});
    expect(res.status).toBe(401);
  });
});
