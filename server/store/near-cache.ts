import type { InvalidationBus } from './invalidation-bus';
import type { Store } from './store';

export interface NearCacheOptions {
  /** Keys starting with one of these are kept near; everything else goes straight to the store. */
  prefixes: string[];
  /** A near copy is used this long at most, even if an invalidation was lost. */
  ttlMs?: number;
  bus: InvalidationBus;
  now?: () => number;
  /** Near copies kept at most (oldest dropped first). */
  maxEntries?: number;
}

interface NearEntry {
  value: unknown;
  at: number;
}

/**
 * A short in-process copy in front of the shared store, so a warm read (a live card) costs no Redis round trip.
 * A write or delete here tells the other instances (`bus`) to drop their copy; a copy lives `ttlMs` at most, so a
 * change made on one instance is served by all within that time even if a message is lost. The same object is
 * handed out for the life of a copy, which keeps per-object memoization (a card's JSON and ETag) working.
 */
export function withNearCache(
  store: Store,
  { prefixes, ttlMs = 1000, bus, now = Date.now, maxEntries = 10_000 }: NearCacheOptions,
): Store & { nearSize(): number } {
  const near = new Map<string, NearEntry>();
  const kept = (key: string) => prefixes.some((p) => key.startsWith(p));
  const remember = (key: string, value: unknown) => {
    if (near.size >= maxEntries) near.delete(near.keys().next().value as string);
    near.set(key, { value, at: now() });
  };
  bus.onInvalidate((key) => near.delete(key));

  return {
    async get<T>(key: string) {
      if (!kept(key)) return store.get<T>(key);
      const copy = near.get(key);
      if (copy && now() - copy.at < ttlMs) return copy.value as T | undefined;
      const value = await store.get<T>(key);
      remember(key, value);
      return value;
    },
    async set(key, value, ttlMs) {
      await store.set(key, value, ttlMs);
      if (kept(key)) {
        remember(key, value);
        bus.publish(key);
      }
    },
    async delete(key) {
      await store.delete(key);
      if (kept(key)) {
        near.delete(key);
        bus.publish(key);
      }
    },
    take: (key) => store.take(key),
    add: (key, value, ttlMs) => store.add(key, value, ttlMs),
    deleteIfEqual: (key, expected) => store.deleteIfEqual(key, expected),
    singleFlight: (key, work) => store.singleFlight(key, work),
    nearSize: () => near.size,
  };
}
