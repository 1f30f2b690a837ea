import { randomAccessToken } from './random-strings';

interface IssuedToken {
  token: string;
  corpId: string;
  expiresAt: number;
  invalidated: boolean;
}

export type TokenCheck = { ok: true; corpId: string } | { ok: false; errcode: 40014 | 42001 };

/** What tests may do to access tokens. */
export interface SandboxTokens {
  /** Every token handed out, oldest first. */
  issued(): string[];
  /** Every token expires now: using one answers 42001, and gettoken hands out a fresh one. */
  expireAll(): void;
  /** WeCom dropped every token early: using one answers 40014, and gettoken hands out a fresh one. */
  invalidateAll(): void;
}

export interface TokenRegistry extends SandboxTokens {
  /**
   * gettoken: WeCom hands out the SAME token while it is valid, with only the remaining `expires_in`, and a
   * fresh one once it has expired. A client that expects a new token per call, or trusts a full 7200 s from
   * every answer, gets it wrong here as it would in production.
   */
  grant(corpId: string): { access_token: string; expires_in: number };
  check(token: string): TokenCheck;
  clear(): void;
}

export function createTokenRegistry({ now, ttlSeconds }: { now: () => number; ttlSeconds: number }): TokenRegistry {
  const tokens = new Map<string, IssuedToken>();
  const current = new Map<string, IssuedToken>();

  return {
    grant(corpId) {
      let entry = current.get(corpId);
      if (!entry || entry.invalidated || entry.expiresAt <= now()) {
        entry = { token: randomAccessToken(), corpId, expiresAt: now() + ttlSeconds * 1000, invalidated: false };
        tokens.set(entry.token, entry);
        current.set(corpId, entry);
      }
      return { access_token: entry.token, expires_in: Math.max(1, Math.floor((entry.expiresAt - now()) / 1000)) };
    },
    check(token) {
      const entry = tokens.get(token);
      if (!entry || entry.invalidated) return { ok: false, errcode: 40014 };
      if (entry.expiresAt <= now()) return { ok: false, errcode: 42001 };
      return { ok: true, corpId: entry.corpId };
    },
    issued() {
      return [...tokens.keys()];
    },
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
