import type { Redis } from 'ioredis';
import type { Store } from './store';

/**
 * KEYS[1] the index (a sorted set of keys by expiry), KEYS[2] the key just written; ARGV[1] its expiry, ARGV[2] now,
 * ARGV[3] the cap. Forgets expired members, then evicts the soonest to expire (the oldest, with one lifetime for
 * all) until at most the cap remain, deleting their keys: the same "oldest go first" as the memory store's LRU.
 */
const INDEX_AND_EVICT = `
redis.call('zadd', KEYS[1], ARGV[1], KEYS[2])
redis.call('zremrangebyscore', KEYS[1], '-inf', ARGV[2])
local excess = redis.call('zcard', KEYS[1]) - tonumber(ARGV[3])
if excess > 0 then
  local evicted = redis.call('zpopmin', KEYS[1], excess)
  for i = 1, #evicted, 2 do redis.call('del', evicted[i]) end
end
redis.call('pexpire', KEYS[1], math.max(1, tonumber(ARGV[1]) - tonumber(ARGV[2])) + 1000)
return excess
`;

export interface CappedRedisStoreOptions {
  /** The Redis store the values go to (its envelope, expiry and single-flight). */
  store: Store;
  redis: Redis;
  /** The same namespace as `store`'s keys. */
  keyPrefix?: string;
  /** Name of the index, below the prefix. */
  indexName: string;
  /** Most keys kept; past it the oldest are deleted. */
  maxEntries: number;
  now?: () => number;
}

/**
 * A Redis `Store` with a cap on how many keys it holds, for things anyone can create (pending sign-ins): a sorted
 * set indexes every key written by its expiry, and each write evicts the oldest past `maxEntries`, in one script.
 * `take` and `delete` leave the index at once. Keys of a prefix never written through this store are not counted.
 */
export function createCappedRedisStore({
  store,
  redis,
  keyPrefix = '',
  indexName,
  maxEntries,
  now = Date.now,
}: CappedRedisStoreOptions): Store {
  const index = `${keyPrefix}${indexName}`;
  const full = (key: string) => `${keyPrefix}${key}`;
  const indexed = async (key: string, ttlMs: number) => {
    const at = now();
    await redis.eval(INDEX_AND_EVICT, 2, index, full(key), at + Math.ceil(ttlMs), at, maxEntries);
  };
  return {
    ...store,
    async set(key, value, ttlMs) {
      await store.set(key, value, ttlMs);
      await indexed(key, ttlMs);
    },
    async add(key, value, ttlMs) {
      const added = await store.add(key, value, ttlMs);
      if (added) await indexed(key, ttlMs);
      return added;
    },
    async take<T>(key: string) {
      const value = await store.take<T>(key);
      await redis.zrem(index, full(key));
      return value;
    },
    async delete(key) {
      await store.delete(key);
      await redis.zrem(index, full(key));
    },
  };
}
