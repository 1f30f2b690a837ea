import { createTokenRegistry, type SandboxTokens, type TokenCheck, type TokenGrant } from '../core/token-registry';

/** Normal mode hands out a new token once the current one has less than this left (WeChat: "提前5分钟更新"). */
export const STABLE_TOKEN_RENEW_BEFORE_MS = 5 * 60_000;
/** Force refreshes allowed per app per day (a Beijing-time calendar day); the 21st answers 45009. */
export const FORCE_REFRESHES_PER_DAY = 20;
/** A force refresh sooner than this after the previous one does not refresh (WeChat: "否则不会刷新"). */
export const FORCE_REFRESH_SPACING_MS = 30_000;

const BEIJING_OFFSET_MS = 8 * 3600_000;

export type StableTokenGrant = ({ ok: true } & TokenGrant) | { ok: false; errcode: 45009 };

export interface StableTokenRegistry extends SandboxTokens {
  /**
   * `stable_token`, as WeChat documents it. Normal mode returns the SAME token while it is valid, with only the
   * remaining `expires_in`, and a new one in its last five minutes (the old one stays valid until it expires, so
   * any answer lasts at least 300 s with the default TTL). Force refresh invalidates the current token at once and
   * returns a new one; within 30 s of the previous force refresh it returns the current token unchanged, and past
   * 20 a day it answers 45009.
   */
  grant(appId: string, { forceRefresh }: { forceRefresh: boolean }): StableTokenGrant;
  /** 40001 for a token never issued or invalidated (WeChat's "invalid credential"), 42001 once it has expired. */
  check(token: string): TokenCheck<40001>;
  clear(): void;
}

/**
 * The WeChat apps' access tokens (the service account's and the mini program's): the generic registry with WeChat's
 * renewal window and invalid-token code, plus the daily allowance of force refreshes. Separate from WeCom's tokens,
 * which a WeChat API never accepts.
 */
export function createStableTokenRegistry({
  now,
  ttlSeconds,
}: {
  now: () => number;
  ttlSeconds: number;
}): StableTokenRegistry {
  const tokens = createTokenRegistry({
    now,
    ttlSeconds,
    invalidErrcode: 40001,
    renewBeforeMs: STABLE_TOKEN_RENEW_BEFORE_MS,
  });
  const forced = new Map<string, { day: number; count: number; lastAt: number }>();

  return {
    grant(appId, { forceRefresh }) {
      if (!forceRefresh) return { ok: true, ...tokens.grant(appId) };
      const day = Math.floor((now() + BEIJING_OFFSET_MS) / 86_400_000);
      let log = forced.get(appId);
      if (!log || log.day !== day) forced.set(appId, (log = { day, count: 0, lastAt: log?.lastAt ?? -Infinity }));
      if (log.count >= FORCE_REFRESHES_PER_DAY) return { ok: false, errcode: 45009 };
      const current = tokens.current(appId);
      if (current && now() - log.lastAt < FORCE_REFRESH_SPACING_MS) return { ok: true, ...current };
      log.count++;
      log.lastAt = now();
      return { ok: true, ...tokens.replace(appId) };
    },
    check: tokens.check,
    issued: tokens.issued,
    expireAll: tokens.expireAll,
    invalidateAll: tokens.invalidateAll,
    clear() {
      tokens.clear();
      forced.clear();
    },
  };
}
