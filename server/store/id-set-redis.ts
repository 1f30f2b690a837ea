import type { Redis } from 'ioredis';
import type { IdSet } from './id-set';
import { storeCommand } from './store-unavailable-error';

/**
 * The set as one Redis set (`SADD`, `SISMEMBER`, `SMEMBERS`) under `key` (prefix included): every instance on that
 * Redis sees every id at once. A command that fails (Redis away, timed out) rejects with `StoreUnavailableError`.
 */
export function createRedisIdSet({ redis, key }: { redis: Redis; key: string }): IdSet {
  return {
    add: async (id) => void (await storeCommand(redis.sadd(key, id))),
    has: async (id) => (await storeCommand(redis.sismember(key, id))) === 1,
    all: () => storeCommand(redis.smembers(key)),
  };
}
