import { createHash } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { AppError } from '../errors/app-error';

/** Who a session belongs to. The openid is only ever taken from here, never from a request body. */
export interface Session {
  openid: string;
  appId: string;
  /** How the viewer signed in. */
  via: 'weapp' | 'h5';
}

export interface SessionTokensOptions {
  secret: string;
  /**
   * The app ids a session may name: our mini program and our service account. A token for any other app (signed
   * with the same secret by another deployment, or made up) is refused.
   */
  appIds: readonly string[];
  ttlSeconds?: number;
  now?: () => number;
}

const ISSUER = 'wecom-live-bff';
const AUDIENCE = 'viewer';

/** Signed (HS256), expiring session tokens: tampering or expiry makes them worthless. */
export function createSessionTokens({
  secret,
  appIds,
  ttlSeconds = 7 * 24 * 3600,
  now = Date.now,
}: SessionTokensOptions) {
  const knownApps = new Set(appIds.filter(Boolean));
  // A fixed-length key from a secret of any length ≥ 32 characters.
  const key = createHash('sha256').update(secret).digest();

  return {
    ttlSeconds,
    async issue(session: Session): Promise<{ token: string; expiresAt: string }> {
      const issuedAt = Math.floor(now() / 1000);
      const exp = issuedAt + ttlSeconds;
      const token = await new SignJWT({ app: session.appId, via: session.via })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(session.openid)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },

    /**
     * The session inside `token`; throws 401 `SESSION_INVALID` for anything forged, altered or expired, without an
     * expiry, or naming an app that is not ours.
     */
    async verify(token: string): Promise<Session> {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(now()),
          requiredClaims: ['exp', 'sub'],
        });
        const { sub, app, via } = payload;
        if (typeof sub !== 'string' || typeof app !== 'string' || (via !== 'weapp' && via !== 'h5')) {
          throw new Error('session claims missing');
        }
        if (!knownApps.has(app)) throw new Error('session names an app that is not ours');
        return { openid: sub, appId: app, via };
      } catch (err) {
        const expired = err instanceof errors.JWTExpired;
        throw new AppError('SESSION_INVALID', expired ? 'Session expired; sign in again' : 'Invalid session', {
          cause: err,
        });
      }
    },
  };
}

export type SessionTokens = ReturnType<typeof createSessionTokens>;
