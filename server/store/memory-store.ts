import { LRUCache } from 'lru-cache';
import type { Store } from './store';

export interface MemoryStoreOptions {
  /** Most entries kept; the least recently used go first. A viral live keeps one living code per viewer. */
  maxEntries?: number;
  /** Milliseconds clock, injectable so tests can move time. */
  now?: () => number;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** A single-process `Store`: an LRU map with per-entry expiry, and single-flight through shared promises. */
export function createMemoryStore({ maxEntries = 200_000, now = Date.now }: MemoryStoreOptions = {}): Store {
  // The LRU's own TTL only reclaims memory; expiry as callers see it follows the injected clock.
  const entries = new LRUCache<string, Entry>({ max: maxEntries, ttlAutopurge: false });
  const inFlight = new Map<string, Promise<unknown>>();

  return {
    async get<T>(key: string) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value as T;
    },
    async set(key, value, ttlMs) {
      entries.set(key, { value, expiresAt: now() + ttlMs }, { ttl: Math.max(1, Math.ceil(ttlMs)) });
    },
    async delete(key) {
      entries.delete(key);
    },
    async take<T>(key: string) {
      const entry = entries.get(key);
      entries.delete(key);
      return entry && entry.expiresAt > now() ? (entry.value as T) : undefined;
    },
    async add(key, value, ttlMs) {
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) return false;
      entries.set(key, { value, expiresAt: now() + ttlMs }, { ttl: Math.max(1, Math.ceil(ttlMs)) });
      return true;
    },
    async deleteIfEqual(key, expected) {
      const entry = entries.get(key);
      if (!entry || entry.expiresAt <= now() || JSON.stringify(entry.value) !== JSON.stringify(expected)) return false;
      entries.delete(key);
      return true;
    },
    singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
      const running = inFlight.get(key);
      if (running) return running as Promise<T>;
      const started = (async () => {
        try {
          return await work();
        } finally {
          inFlight.delete(key);
        }
      })();
      inFlight.set(key, started);
      return started;
    },
  };
}
