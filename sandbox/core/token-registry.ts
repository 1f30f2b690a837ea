import { randomAccessToken } from './random-strings';

interface IssuedToken {
  token: string;
  owner: string;
  expiresAt: number;
  invalidated: boolean;
}

/** A token as both platforms hand it out: the token and the whole seconds it has left (at least 1). */
export interface TokenGrant {
  access_token: string;
  expires_in: number;
}

/**
 * What a platform answers for a token an API call presents: the corp or app it was granted to, or the error code for a
 * token never issued or invalidated (`Invalid`, which the platforms word differently) or expired (42001 on both).
 */
export type TokenCheck<Invalid extends number> = { ok: true; owner: string } | { ok: false; errcode: Invalid | 42001 };

/** What tests may do to access tokens. */
export interface SandboxTokens {
  /** Every token handed out, oldest first. */
  issued(): string[];
  /** Every token expires now: using one answers 42001, and the next grant hands out a fresh one. */
  expireAll(): void;
  /**
   * The platform dropped every token early: using one answers its invalid-token code (WeCom 40014, WeChat 40001), and
   * the next grant hands out a fresh one.
   */
  invalidateAll(): void;
}

export interface TokenRegistry<Invalid extends number> extends SandboxTokens {
  /**
   * The platforms hand out the SAME token while it is valid, with only the remaining `expires_in`, and a fresh one
   * once it has expired or has `renewBeforeMs` or less left (the old one stays valid until it expires). A client that
   * expects a new token per call, or trusts a full 7200 s from every answer, gets it wrong here as it would in
   * production.
   */
  grant(owner: string): TokenGrant;
  /** The owner's current token while it is valid (whatever it has left), without renewing it; else `undefined`. */
  current(owner: string): TokenGrant | undefined;
  /** Invalidates the owner's current token at once and hands out a fresh one (what a force refresh does). */
  replace(owner: string): TokenGrant;
  check(token: string): TokenCheck<Invalid>;
  clear(): void;
}

export interface TokenRegistryOptions<Invalid extends number> {
  now: () => number;
  /** A fresh token's lifetime. */
  ttlSeconds: number;
  /** The errcode for a token never issued or invalidated: WeCom answers 40014, WeChat 40001 ("invalid credential"). */
  invalidErrcode: Invalid;
  /** `grant` renews a token that has this many milliseconds or less left; default 0 (only once it has expired). */
  renewBeforeMs?: number;
}

/**
 * The access tokens of one platform, by the corp or app they were granted to: WeCom's (gettoken) and WeChat's
 * (stable_token, see `createStableTokenRegistry` for its force refresh) are two registries that never accept each
 * other's tokens.
 */
export function createTokenRegistry<Invalid extends number>({
  now,
  ttlSeconds,
  invalidErrcode,
  renewBeforeMs = 0,
}: TokenRegistryOptions<Invalid>): TokenRegistry<Invalid> {
  const tokens = new Map<string, IssuedToken>();
  const current = new Map<string, IssuedToken>();

  const issue = (owner: string): IssuedToken => {
    const entry = { token: randomAccessToken(), owner, expiresAt: now() + ttlSeconds * 1000, invalidated: false };
    tokens.set(entry.token, entry);
    current.set(owner, entry);
    return entry;
  };
  const answer = (entry: IssuedToken): TokenGrant => ({
    access_token: entry.token,
    expires_in: Math.max(1, Math.floor((entry.expiresAt - now()) / 1000)),
  });
  const valid = (owner: string): IssuedToken | undefined => {
    const entry = current.get(owner);
    return entry && !entry.invalidated && entry.expiresAt > now() ? entry : undefined;
  };

  return {
    grant(owner) {
      const entry = valid(owner);
      return answer(entry && entry.expiresAt - now() > renewBeforeMs ? entry : issue(owner));
    },
    current(owner) {
      const entry = valid(owner);
      return entry && answer(entry);
    },
    replace(owner) {
      const entry = current.get(owner);
      if (entry) entry.invalidated = true;
      return answer(issue(owner));
    },
    check(token) {
      const entry = tokens.get(token);
      if (!entry || entry.invalidated) return { ok: false, errcode: invalidErrcode };
      if (entry.expiresAt <= now()) return { ok: false, errcode: 42001 };
      return { ok: true, owner: entry.owner };
    },
    issued: () => [...tokens.keys()],
    expireAll() {
      const at = now();
      for (const entry of tokens.values()) entry.expiresAt = Math.min(entry.expiresAt, at);
    },
    invalidateAll() {
      for (const entry of tokens.values()) entry.invalidated = true;
    },
    clear() {
      tokens.clear();
      current.clear();
    },
  };
}
