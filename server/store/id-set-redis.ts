import type { Redis } from 'ioredis';
import type { IdSet } from './id-set';
import { StoreUnavailableError } from './store-unavailable-error';

/**
 * The set as one Redis set (`SADD`, `SISMEMBER`, `SMEMBERS`) under `key` (prefix included): every instance on that
 * Redis sees every id at once. A command that fails (Redis away, timed out) rejects with `StoreUnavailableError`.
 */
export function createRedisIdSet({ redis, key }: { redis: Redis; key: string }): IdSet {
  const run = async <T>(command: Promise<T>): Promise<T> => {
    try {
      return await command;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  };
  return {
    add: async (id) => void (await run(redis.sadd(key, id))),
    has: async (id) => (await run(redis.sismember(key, id))) === 1,
    all: () => run(redis.smembers(key)),
  };
}
