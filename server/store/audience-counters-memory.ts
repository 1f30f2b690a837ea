import { LRUCache } from 'lru-cache';
import { AUDIENCE_TTL_MS, type AudienceCounters } from './audience-counters';
import { AudienceHyperLogLog } from './audience-counters-hyperloglog';

export interface MemoryAudienceCountersOptions {
  /** Most keys kept (the least recently used go first): a few per live and campaign tag, plus replay guards. */
  maxKeys?: number;
  ttlMs?: number;
  now?: () => number;
}

type Value = AudienceHyperLogLog | number | Set<string> | true;

interface Entry {
  value: Value;
  expiresAt: number;
}

/** `AudienceCounters` for one instance alone (no Redis): the same answers, kept in this process. */
export function createMemoryAudienceCounters({
  maxKeys = 100_000,
  ttlMs = AUDIENCE_TTL_MS,
  now = Date.now,
}: MemoryAudienceCountersOptions = {}): AudienceCounters {
  const entries = new LRUCache<string, Entry>({ max: maxKeys });

  const get = (key: string): Value | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt > now()) return entry.value;
    if (entry) entries.delete(key);
    return undefined;
  };
  const put = (key: string, value: Value, keepMs = ttlMs) => entries.set(key, { value, expiresAt: now() + keepMs });

  return {
    async record({ unique = [], counts = [], labels = [], once }) {
      for (const { key, member } of unique) {
        const held = get(key);
        const set = held instanceof AudienceHyperLogLog ? held : new AudienceHyperLogLog();
        set.add(member);
        put(key, set);
      }
      for (const { key, label } of labels) {
        const held = get(key);
        put(key, (held instanceof Set ? held : new Set<string>()).add(label));
      }
      if (once) {
        if (get(once.key) !== undefined) return;
        put(once.key, true, once.ttlMs);
      }
      for (const key of counts) {
        const held = get(key);
        put(key, (typeof held === 'number' ? held : 0) + 1);
      }
    },
    async admitLabel({ key, label, cap, overflow, exempt = [] }) {
      const held = get(key);
      const set = held instanceof Set ? held : new Set<string>();
      const outside = [overflow, ...exempt];
      const capped = [...set].filter((l) => !outside.includes(l)).length;
      const kept = set.has(label) || outside.includes(label) || capped < cap ? label : overflow;
      put(key, set.add(kept));
      return kept;
    },
    async read({ unique, counts }) {
      return {
        unique: unique.map((keys) =>
          AudienceHyperLogLog.countUnion(
            keys.map((k) => get(k)).filter((v): v is AudienceHyperLogLog => v instanceof AudienceHyperLogLog),
          ),
        ),
        counts: counts.map((k) => {
          const held = get(k);
          return typeof held === 'number' ? held : 0;
        }),
      };
    },
    async labels(key) {
      const held = get(key);
      return held instanceof Set ? [...held] : [];
    },
  };
}
