import { createHash } from 'node:crypto';
import { randomAccessToken, randomOAuthCode } from '../core/random-strings';

/** The scopes a service account's web OAuth accepts; `snsapi_base` is the silent one the H5 login uses. */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

/** What tests may ask about web OAuth logins to the service account. */
export interface SandboxOAuth {
  /**
   * The service account's openid for the WeChat user the sandbox calls `user` (see the `sandbox_wx_user` cookie).
   * Openids are per app, so this is NOT `wechat.openidForCode` of the same person: the mini program and the
   * service account see one person under two openids, as in reality.
   */
  openidForUser(user: string): string;
  /** Every OAuth code handed out, oldest first, used or not. */
  issuedCodes(): string[];
}

export type CodeRedemption = { ok: true; user: string; scope: OAuthScope } | { ok: false; errcode: 40029 | 40163 };

export interface OAuthLogins extends SandboxOAuth {
  /** A code for `user` as the authorize page redirects with it: single-use, valid for the configured TTL. */
  issueCode(user: string, scope: OAuthScope): string;
  /**
   * Uses a code up: 40029 when it was never issued or has expired, 40163 when it was used before. Only a
   * successful redemption uses it.
   */
  redeem(code: string): CodeRedemption;
  /** The user-level `access_token` and `refresh_token` of one OAuth login; both are secrets and are recorded. */
  newUserTokens(): { access_token: string; refresh_token: string };
  /** Every user-level access and refresh token handed out. */
  issuedUserTokens(): string[];
  clear(): void;
}

interface IssuedCode {
  user: string;
  scope: OAuthScope;
  expiresAt: number;
  used: boolean;
}

export function createOAuthLogins({
  appId,
  now,
  codeTtlSeconds,
}: {
  appId: string;
  now: () => number;
  codeTtlSeconds: number;
}): OAuthLogins {
  const codes = new Map<string, IssuedCode>();
  const userTokens: string[] = [];
  return {
    openidForUser(user) {
      // Same shape as mini program openids (28 URL-safe characters starting with 'o'), salted with another app id.
      return `o${createHash('sha256').update(`${appId}:${user}`).digest('base64url').slice(0, 27)}`;
    },
    issueCode(user, scope) {
      const code = randomOAuthCode();
      codes.set(code, { user, scope, expiresAt: now() + codeTtlSeconds * 1000, used: false });
      return code;
    },
    redeem(code) {
      const issued = codes.get(code);
      if (!issued) return { ok: false, errcode: 40029 };
      if (issued.used) return { ok: false, errcode: 40163 };
      if (issued.expiresAt <= now()) return { ok: false, errcode: 40029 };
      issued.used = true;
      return { ok: true, user: issued.user, scope: issued.scope };
    },
    newUserTokens() {
      const tokens = { access_token: randomAccessToken(), refresh_token: randomAccessToken() };
      userTokens.push(tokens.access_token, tokens.refresh_token);
      return tokens;
    },
    issuedCodes: () => [...codes.keys()],
    issuedUserTokens: () => [...userTokens],
    clear() {
      codes.clear();
      userTokens.length = 0;
    },
  };
}
