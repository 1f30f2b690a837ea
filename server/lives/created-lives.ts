import type { Redis } from 'ioredis';
import { createMemoryIdSet, type IdSet } from '../store/id-set';
import { createRedisIdSet } from '../store/id-set-redis';

/**
 * The ids of the lives this app created (`living/create`): listed on the home page at once, whichever instance
 * created them, and the only lives WeCom lets this app modify, cancel or send callbacks for. On the shared Redis
 * when there is one (kept, like WeCom keeps the lives), else in this process.
 */
export function createCreatedLives({ redis, keyPrefix = '' }: { redis?: Redis; keyPrefix?: string }): IdSet {
  return redis ? createRedisIdSet({ redis, key: `${keyPrefix}created-lives` }) : createMemoryIdSet();
}
