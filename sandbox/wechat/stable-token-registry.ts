import { randomAccessToken } from '../core/random-strings';

/** Normal mode hands out a new token once the current one has less than this left (WeChat: "提前5分钟更新"). */
export const MP_TOKEN_RENEW_BEFORE_MS = 5 * 60_000;
/** Force refreshes allowed per app per day (a Beijing-time calendar day); the 21st answers 45009. */
export const FORCE_REFRESHES_PER_DAY = 20;
/** A force refresh sooner than this after the previous one does not refresh (WeChat: "否则不会刷新"). */
export const FORCE_REFRESH_SPACING_MS = 30_000;

const BEIJING_OFFSET_MS = 8 * 3600_000;

interface IssuedMpToken {
  token: string;
  appId: string;
  expiresAt: number;
  invalidated: boolean;
}

export type MpTokenCheck = { ok: true; appId: string } | { ok: false; errcode: 40001 | 42001 };
export type MpTokenGrant = { ok: true; access_token: string; expires_in: number } | { ok: false; errcode: 45009 };

export interface MpTokenRegistry {
  /**
   * `stable_token`, as WeChat documents it. Normal mode returns the SAME token while it is valid, with only the
   * remaining `expires_in`, and a new one in its last five minutes (the old one stays valid until it expires, so
   * any answer lasts at least 300 s with the default TTL). Force refresh invalidates the current token at once and
   * returns a new one; within 30 s of the previous force refresh it returns the current token unchanged, and past
   * 20 a day it answers 45009.
   */
  grant(appId: string, { forceRefresh }: { forceRefresh: boolean }): MpTokenGrant;
  /** 40001 for a token never issued or invalidated (WeChat's "invalid credential"), 42001 once it has expired. */
  check(token: string): MpTokenCheck;
  issued(): string[];
  expireAll(): void;
  invalidateAll(): void;
  clear(): void;
}

/** The service account's access tokens: separate from WeCom's, which a WeChat API never accepts. */
export function createMpTokenRegistry({ now, ttlSeconds }: { now: () => number; ttlSeconds: number }): MpTokenRegistry {
  const tokens = new Map<string, IssuedMpToken>();
  const current = new Map<string, IssuedMpToken>();
  const forced = new Map<string, { day: number; count: number; lastAt: number }>();

  const issue = (appId: string) => {
    const entry = { token: randomAccessToken(), appId, expiresAt: now() + ttlSeconds * 1000, invalidated: false };
    tokens.set(entry.token, entry);
    current.set(appId, entry);
    return entry;
  };
  const answer = (entry: IssuedMpToken): MpTokenGrant => ({
    ok: true,
    access_token: entry.token,
    expires_in: Math.max(1, Math.floor((entry.expiresAt - now()) / 1000)),
  });
  const isValid = (entry: IssuedMpToken | undefined): entry is IssuedMpToken =>
    entry !== undefined && !entry.invalidated && entry.expiresAt > now();

  return {
    grant(appId, { forceRefresh }) {
      const entry = current.get(appId);
      if (!forceRefresh) {
        return answer(isValid(entry) && entry.expiresAt - now() > MP_TOKEN_RENEW_BEFORE_MS ? entry : issue(appId));
      }
      const day = Math.floor((now() + BEIJING_OFFSET_MS) / 86_400_000);
      let log = forced.get(appId);
      if (!log || log.day !== day) forced.set(appId, (log = { day, count: 0, lastAt: log?.lastAt ?? -Infinity }));
      if (log.count >= FORCE_REFRESHES_PER_DAY) return { ok: false, errcode: 45009 };
      if (isValid(entry) && now() - log.lastAt < FORCE_REFRESH_SPACING_MS) return answer(entry);
      if (entry) entry.invalidated = true;
      log.count++;
      log.lastAt = now();
      return answer(issue(appId));
    },
    check(token) {
      const entry = tokens.get(token);
      if (!entry || entry.invalidated) return { ok: false, errcode: 40001 };
      if (entry.expiresAt <= now()) return { ok: false, errcode: 42001 };
      return { ok: true, appId: entry.appId };
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
      forced.clear();
    },
  };
}
