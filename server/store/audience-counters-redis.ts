import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AUDIENCE_TTL_MS, type AudienceCounters, type AudienceEvent } from './audience-counters';

export interface RedisAudienceCountersOptions {
  redis: Redis;
  /** Namespace for every key, as the other Redis keys (`REDIS_KEY_PREFIX`). */
  keyPrefix?: string;
  logger: Logger;
  ttlMs?: number;
  now?: () => number;
  /** At most one warning this often while counting fails. */
  warnEveryMs?: number;
}

/**
 * KEYS[1] the replay guard, KEYS[2..] counters; ARGV[1] the guard's lifetime, ARGV[2] the counters' (ms).
 * The guard and the counts in one step, so two instances given the same event at once count it once.
 */
const COUNT_ONCE = `
if not redis.call('set', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
for i = 2, #KEYS do
  redis.call('incr', KEYS[i])
  redis.call('pexpire', KEYS[i], ARGV[2])
end
return 1
`;

/**
 * KEYS[1] the set; ARGV[1] the label, ARGV[2] the cap, ARGV[3] the overflow label, ARGV[4] the set's lifetime (ms),
 * ARGV[5..] labels outside the cap. Answers the label kept: the one asked for, or the overflow once the set is full.
 */
const ADMIT_LABEL = `
local label = ARGV[1]
local kept = redis.call('sismember', KEYS[1], label) == 1 or label == ARGV[3]
if not kept then
  local inside = redis.call('scard', KEYS[1]) - redis.call('sismember', KEYS[1], ARGV[3])
  for i = 5, #ARGV do
    if ARGV[i] == label then kept = true end
    inside = inside - redis.call('sismember', KEYS[1], ARGV[i])
  end
  if not kept then kept = inside < tonumber(ARGV[2]) end
end
if not kept then label = ARGV[3] end
redis.call('sadd', KEYS[1], label)
redis.call('pexpire', KEYS[1], ARGV[4])
return label
`;

/**
 * The shared `AudienceCounters`: PFADD/PFCOUNT (unions included: PFCOUNT of several keys), INCR, SADD/SMEMBERS,
 * every key with a TTL refreshed on each write. One event is one pipeline, sent without waiting: the connection has
 * no offline queue and a command timeout, so while Redis is away the event fails at once and is dropped.
 */
export function createRedisAudienceCounters({
  redis,
  keyPrefix = '',
  logger,
  ttlMs = AUDIENCE_TTL_MS,
  now = Date.now,
  warnEveryMs = 60_000,
}: RedisAudienceCountersOptions): AudienceCounters {
  const k = (key: string) => `${keyPrefix}${key}`;
  let warnedAt = -Infinity;
  let dropped = 0;

  const warn = (err: unknown) => {
    dropped++;
    if (now() - warnedAt < warnEveryMs) return;
    warnedAt = now();
    logger.warn(
      { event: 'audience_count_failed', reason: err instanceof Error ? err.message : String(err), dropped },
      'audience counters unreachable: events not counted',
    );
    dropped = 0;
  };

  const pipelineOf = ({ unique = [], counts = [], labels = [], once }: AudienceEvent) => {
    const p = redis.pipeline();
    for (const { key, member } of unique) p.pfadd(k(key), member).pexpire(k(key), ttlMs);
    for (const { key, label } of labels) p.sadd(k(key), label).pexpire(k(key), ttlMs);
    if (once && counts.length) p.eval(COUNT_ONCE, 1 + counts.length, k(once.key), ...counts.map(k), once.ttlMs, ttlMs);
    else for (const key of counts) p.incr(k(key)).pexpire(k(key), ttlMs);
    return p;
  };

  return {
    async record(event) {
      try {
        const results = await pipelineOf(event).exec();
        const failed = results?.find(([err]) => err)?.[0];
        if (failed) warn(failed);
      } catch (err) {
        warn(err);
      }
    },
    async admitLabel({ key, label, cap, overflow, exempt = [] }) {
      try {
        const kept = await redis.eval(ADMIT_LABEL, 1, k(key), label, cap, overflow, ttlMs, ...exempt);
        return String(kept);
      } catch (err) {
        warn(err);
        return undefined;
      }
    },
    async read({ unique, counts }) {
      const p = redis.pipeline();
      // PFCOUNT needs a key: an empty union is asked as a key that never exists.
      for (const keys of unique) p.pfcount(...(keys.length ? keys.map(k) : [k('none')]));
      for (const key of counts) p.get(k(key));
      const results = (await p.exec()) ?? [];
      const values = results.map(([err, value]) => {
        if (err) throw err;
        return Number(value ?? 0);
      });
      return { unique: values.slice(0, unique.length), counts: values.slice(unique.length) };
    },
    async labels(key) {
      return redis.smembers(k(key));
    },
  };
}
