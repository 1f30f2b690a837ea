import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError } from '../../../server/errors/app-error';
import { createSessionTokens } from '../../../server/sign-in/viewer-session-tokens';

/**
 * Viewer session tokens on their own, with a clock the test holds: the lifetime they are issued with, and every
 * claim `verify` insists on. A token with the right key but a wrong claim is made here the way an insider with the
 * secret could (HS256 over sha256(secret), the scheme the module documents), so each claim check is seen to refuse.
 */
const SECRET = 'a-session-secret-long-enough-for-tests-0123';
const T0 = 1_750_000_000_000;
const session = { openid: 'oViewer1', appId: 'wxMiniApp', via: 'weapp' as const };

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    return err instanceof AppError ? `${err.code}: ${err.message}` : `not an AppError: ${String(err)}`;
  }
};

/** A token with `claims` and the standard ones as the module issues them unless overridden. */
function forge(
  claims: Record<string, unknown>,
  { iss = 'wecom-live-bff', aud = 'viewer', sub = 'oViewer1', iat = T0 / 1000, exp = T0 / 1000 + 60 } = {},
) {
  const key = createHash('sha256').update(SECRET).digest();
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(iat).setExpirationTime(exp);
  if (iss) jwt = jwt.setIssuer(iss);
  if (aud) jwt = jwt.setAudience(aud);
  if (sub) jwt = jwt.setSubject(sub);
  return jwt.sign(key);
}

describe('viewer session tokens', () => {
  const tokens = createSessionTokens({ secret: SECRET, appIds: ['wxMiniApp'], now: () => T0 });

  it('issues a token good for 7 days by default, whose expiry it states', async () => {
    expect(tokens.ttlSeconds).toBe(7 * 24 * 3600);
    const { token, expiresAt } = await tokens.issue(session);
    expect(expiresAt).toBe(new Date(T0 + 7 * 24 * 3600_000).toISOString());
    expect(await tokens.verify(token)).toEqual(session);
    const later = (ms: number) => createSessionTokens({ secret: SECRET, appIds: ['wxMiniApp'], now: () => T0 + ms });
    expect(await later(7 * 24 * 3600_000 - 1000).verify(token)).toEqual(session);
    expect(await refusal(later(7 * 24 * 3600_000 + 1000).verify(token))).toBe(
      'SESSION_INVALID: Session expired; sign in again',
    );
  });

  it('issues with its own lifetime when given one, and keeps the H5 sign-in apart', async () => {
    const short = createSessionTokens({ secret: SECRET, appIds: ['wxMiniApp'], ttlSeconds: 60, now: () => T0 });
    const { token, expiresAt } = await short.issue({ ...session, via: 'h5' });
    expect(expiresAt).toBe(new Date(T0 + 60_000).toISOString());
    expect(await short.verify(token)).toEqual({ ...session, via: 'h5' });
  });

  it('accepts a token made with the same key and claims (the baseline of the forgeries below)', async () => {
    expect(await tokens.verify(await forge({ app: 'wxMiniApp', via: 'weapp' }))).toEqual(session);
  });

  it.each([
    ['another issuer', {}, { iss: 'someone-else' }],
    ['no issuer', {}, { iss: '' }],
    ['another audience (a staff token)', {}, { aud: 'staff' }],
    ['no audience', {}, { aud: '' }],
    ['no subject', {}, { sub: '' }],
    ['no app', { app: undefined }, {}],
    ['an app that is not a string', { app: 42 }, {}],
    ['no via', { via: undefined }, {}],
    ['another via', { via: 'web' }, {}],
  ] as const)('refuses a token with %s', async (_name, claims, standard) => {
    const token = await forge({ app: 'wxMiniApp', via: 'weapp', ...claims }, standard);
    expect(await refusal(tokens.verify(token))).toBe('SESSION_INVALID: Invalid session');
  });

  it('refuses an unsigned token and one signed with another algorithm', async () => {
    const [, payload] = (await forge({ app: 'wxMiniApp', via: 'weapp' })).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(await refusal(tokens.verify(`${none}.${payload}.`))).toBe('SESSION_INVALID: Invalid session');
    const key = createHash('sha256').update(SECRET).digest();
    const hs512 = await new SignJWT({ app: 'wxMiniApp', via: 'weapp' })
      .setProtectedHeader({ alg: 'HS512' })
      .setIssuer('wecom-live-bff')
      .setAudience('viewer')
      .setSubject('oViewer1')
      .setExpirationTime(T0 / 1000 + 60)
      .sign(Buffer.concat([key, key]));
    expect(await refusal(tokens.verify(hs512))).toBe('SESSION_INVALID: Invalid session');
  });

  it('judges expiry by its own clock, not the machine’s', async () => {
    const token = await forge({ app: 'wxMiniApp', via: 'weapp' }, { exp: T0 / 1000 - 1 });
    expect(await refusal(tokens.verify(token))).toBe('SESSION_INVALID: Session expired; sign in again');
    const future = createSessionTokens({ secret: SECRET, appIds: ['wxMiniApp'], now: () => T0 - 3600_000 });
    expect(await future.verify(token)).toEqual(session);
  });
});
