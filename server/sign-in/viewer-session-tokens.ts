import { createSignedTokens } from './signed-tokens';
import type { Viewer } from './viewer';

/** Who a session belongs to. The openid is only ever taken from here, never from a request body. */
export interface Session extends Viewer {
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

/**
 * The viewer's session token (`Authorization: Bearer` in the mini program, the `wlv_session` cookie in H5): signed
 * (HS256 over sha256 of the secret, audience `viewer`) and expiring, so tampering or expiry makes it worthless.
 */
export function createSessionTokens({
  secret,
  appIds,
  ttlSeconds = 7 * 24 * 3600,
  now = Date.now,
}: SessionTokensOptions) {
  const knownApps = new Set(appIds.filter(Boolean));
  const tokens = createSignedTokens({
    keySeed: secret,
    audience: 'viewer',
    ttlSeconds,
    now,
    requiredClaims: ['exp', 'sub'],
    words: { expired: 'Session expired; sign in again', invalid: 'Invalid session' },
  });

  return {
    ttlSeconds,
    issue: (session: Session): Promise<{ token: string; expiresAt: string }> =>
      tokens.issue(session.openid, { app: session.appId, via: session.via }),

    /**
     * The session inside `token`; throws 401 `SESSION_INVALID` for anything forged, altered or expired, without an
     * expiry, or naming an app that is not ours.
     */
    verify: (token: string): Promise<Session> =>
      tokens.verify(token, ({ sub, app, via }) => {
        if (typeof sub !== 'string' || typeof app !== 'string' || (via !== 'weapp' && via !== 'h5')) {
          throw new Error('session claims missing');
        }
        if (!knownApps.has(app)) throw new Error('session names an app that is not ours');
        return { openid: sub, appId: app, via };
      }),
  };
}

export type SessionTokens = ReturnType<typeof createSessionTokens>;
