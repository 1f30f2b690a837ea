import { UpstreamError, type UpstreamErrorCode } from '../errors/upstream-error';
import type { Store } from '../store/store';

export interface TokenGrant {
  token: string;
  expiresInSeconds: number;
}

export interface AccessTokenProviderOptions {
  store: Store;
  /** Store key; must identify the credentials (e.g. corp id + a hash of the secret), never contain the secret. */
  key: string;
  /** Asks the platform for a new token. */
  fetch: () => Promise<TokenGrant>;
  now?: () => number;
  /** Refresh this long before expiry (capped at half the lifetime), so no caller holds a token that dies mid-call. */
  refreshAheadMs?: number;
  /** How long to keep answering with the same `UpstreamError` instead of calling again; 0 = don't. */
  failureCooldownMs?: (err: unknown) => number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

/** A refusal remembered in the store: plain data, since a shared store serializes what it keeps. */
interface CachedFailure {
  code: UpstreamErrorCode;
  api: string;
  errcode: number | undefined;
  detail: string;
}

/**
 * An access token cached in the store and fetched by exactly one caller at a time. A token the platform refused
 * is dropped only if it is still the cached one, so 200 callers failing with the same stale token cause one
 * refresh, not 200.
 */
export function createAccessTokenProvider({
  store,
  key,
  fetch,
  now = Date.now,
  refreshAheadMs = 5 * 60_000,
  failureCooldownMs = () => 0,
}: AccessTokenProviderOptions) {
  const failureKey = `${key}:failure`;

  async function refresh(stale: CachedToken | undefined): Promise<string> {
    // Another caller (or instance) may have refreshed while this one waited for the flight.
    const current = await store.get<CachedToken>(key);
    if (current && current.refreshAt > now() && current.token !== stale?.token) return current.token;
    const failure = await store.get<CachedFailure>(failureKey);
    if (failure) throw new UpstreamError(failure.code, failure.api, failure.errcode, `${failure.detail} (remembered)`);
    let grant: TokenGrant;
    try {
      grant = await fetch();
    } catch (err) {
      const cooldown = failureCooldownMs(err);
      if (cooldown > 0 && err instanceof UpstreamError) {
        const { code, api, errcode, detail } = err;
        await store.set<CachedFailure>(failureKey, { code: code as UpstreamErrorCode, api, errcode, detail }, cooldown);
      }
      // Refreshing early failed, but the old token is still good: keep using it.
      if (stale && stale.expiresAt > now()) return stale.token;
      throw err;
    }
    const lifetimeMs = grant.expiresInSeconds * 1000;
    const issuedAt = now();
    const cached: CachedToken = {
      token: grant.token,
      expiresAt: issuedAt + lifetimeMs,
      refreshAt: issuedAt + lifetimeMs - Math.min(refreshAheadMs, lifetimeMs / 2),
    };
    // A flight whose lock ran out may finish after another instance stored a newer token: never replace that one.
    const latest = await store.get<CachedToken>(key);
    if (latest && latest.token !== stale?.token && latest.expiresAt > cached.expiresAt) return latest.token;
    await store.set(key, cached, lifetimeMs);
    return cached.token;
  }

  return {
    async get(): Promise<string> {
      const cached = await store.get<CachedToken>(key);
      if (cached && cached.refreshAt > now()) return cached.token;
      return store.singleFlight(key, () => refresh(cached));
    },
    /** The platform refused `token`: forget it, unless a newer one has already replaced it. */
    async invalidate(token: string): Promise<void> {
      const cached = await store.get<CachedToken>(key);
      if (cached?.token === token) await store.deleteIfEqual(key, cached);
    },
  };
}

export type AccessTokenProvider = ReturnType<typeof createAccessTokenProvider>;
