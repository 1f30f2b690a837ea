import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * One per-client counter of `points` a minute, named `name`: in Redis when there is one (every instance counts
 * together, under `<keyPrefix>limit:<name>`), with a memory counter insuring it while Redis is away, so a limit
 * never turns into an outage.
 */
export function perMinuteLimiter(
  points: number,
  name: string,
  redis: Redis | undefined,
  keyPrefix = '',
): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix: name });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${keyPrefix}limit:${name}`,
    points,
    duration: 60,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}
