import { createHash } from 'node:crypto';
import { SignJWT, errors, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../errors/app-error';

const ISSUER = 'wecom-live-bff';

export interface SignedTokensOptions {
  /**
   * What the key is derived from: the session secret, or a labelled form of it (`staff:…`) so that one kind of
   * token can never verify as another even if its audience were forged. Any length (≥ 32 characters in config).
   */
  keySeed: string;
  /** Which kind of session this is (`viewer`, `staff`): a token for one audience is refused by every other. */
  audience: string;
  ttlSeconds: number;
  now: () => number;
  /** The claims a token must carry besides `iss` and `aud` (`exp` and `sub` at least). */
  requiredClaims: readonly string[];
  /** The `SESSION_INVALID` messages: for an expired token, and for anything else refused. */
  words: { expired: string; invalid: string };
}

/**
 * Signed (HS256), expiring tokens of one kind, the one way every session of this BFF is issued and checked: the
 * viewer's session token and the staff cookie's token are both made here, each with its audience and key. Anything
 * forged, altered, expired, of another kind, or whose claims the caller refuses is 401 `SESSION_INVALID`.
 */
export function createSignedTokens({ keySeed, audience, ttlSeconds, now, requiredClaims, words }: SignedTokensOptions) {
  // A fixed-length key from a seed of any length.
  const key = createHash('sha256').update(keySeed).digest();

  return {
    ttlSeconds,

    /** A token for `subject` with `claims` (and `jti` when given), issued at `issuedAtMs` and good for `ttlSeconds`. */
    async issue(
      subject: string,
      claims: JWTPayload = {},
      { jti, issuedAtMs = now() }: { jti?: string; issuedAtMs?: number } = {},
    ): Promise<{ token: string; expiresAt: string }> {
      const issuedAt = Math.floor(issuedAtMs / 1000);
      const exp = issuedAt + ttlSeconds;
      let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(subject);
      if (jti !== undefined) jwt = jwt.setJti(jti);
      const token = await jwt
        .setIssuer(ISSUER)
        .setAudience(audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },

    /**
     * What `read` makes of the verified claims of `token`; throws 401 `SESSION_INVALID` for a token forged, altered,
     * expired, without a required claim, of another audience or issuer, and for anything `read` throws (claims of
     * the wrong shape, an app that is not ours).
     */
    async verify<T>(token: string, read: (payload: JWTPayload) => T): Promise<T> {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience,
          currentDate: new Date(now()),
          requiredClaims: [...requiredClaims],
        });
        return read(payload);
      } catch (err) {
        const expired = err instanceof errors.JWTExpired;
        throw new AppError('SESSION_INVALID', expired ? words.expired : words.invalid, { cause: err });
      }
    },
  };
}

export type SignedTokens = ReturnType<typeof createSignedTokens>;
