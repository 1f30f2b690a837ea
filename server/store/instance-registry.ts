import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Which BFF instances are alive, by heartbeat: each writes its id with the time every few seconds; an id not seen
 * for three beats is gone. The count is remembered, so an instance cut off from Redis knows how many shares of the
 * budget there were when it last could see.
 */
export function createInstanceRegistry({
  redis,
  keyPrefix = '',
  beatMs = 5000,
  now = Date.now,
}: {
  redis: Redis;
  keyPrefix?: string;
  beatMs?: number;
  now?: () => number;
}) {
  const id = randomBytes(8).toString('hex');
  const key = `${keyPrefix}instances`;
  let lastCount = 1;
  const beat = async () => {
    try {
      const at = now();
      await redis.zadd(key, at, id);
      await redis.zremrangebyscore(key, '-inf', at - 3 * beatMs);
      await redis.pexpire(key, 3 * beatMs);
      lastCount = Math.max(1, await redis.zcard(key));
    } catch {
      // Unreachable: keep the last count.
    }
  };
  const timer = setInterval(() => void beat(), beatMs);
  timer.unref();
  return {
    id,
    /** Beat once now (at start, so the count is right before the first request). */
    start: beat,
    /** Instances alive when last seen, this one included. */
    count: () => lastCount,
    async stop() {
      clearInterval(timer);
      await redis.zrem(key, id).catch(() => undefined);
    },
  };
}
