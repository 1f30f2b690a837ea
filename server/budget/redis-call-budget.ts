import type { Redis } from 'ioredis';
import { HOUR_MS, MINUTE_MS, MIN_HOLD_MS, type Admission, type BudgetLimits, type CallBudget } from './call-budget';

/**
 * What both admission scripts begin with. KEYS: minute window, hour window (sorted sets of admitted calls by time),
 * the line (sorted by arrival), when each place is given up, a sequence; ARGV[1–3]: now, per minute, per hour. Drops
 * what left the windows and the places given up, counts what is free, and defines `spend()` (one call admitted now)
 * and `waitFor(key, count, k, window)` (when the `k`-th call beyond what is free may go, as in the memory budget).
 */
const WINDOWS = `
local now, perMinute, perHour = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local MINUTE, HOUR = ${MINUTE_MS}, ${HOUR_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - MINUTE)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - HOUR)
local gone = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now)
for _, m in ipairs(gone) do redis.call('ZREM', KEYS[3], m) end
if #gone > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now) end
local inMinute, inHour = redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2])
local freeMinute, freeHour = perMinute - inMinute, perHour - inHour
local function spend()
  local id = now .. ':' .. redis.call('INCR', KEYS[5])
  redis.call('ZADD', KEYS[1], now, id)
  redis.call('ZADD', KEYS[2], now, id)
  redis.call('PEXPIRE', KEYS[1], MINUTE)
  redis.call('PEXPIRE', KEYS[2], HOUR)
  redis.call('PEXPIRE', KEYS[5], HOUR)
end
local function waitFor(key, count, k, window)
  if k < 0 then return 0 end
  if count == 0 then return window end
  local i = k % count
  local at = tonumber(redis.call('ZRANGE', key, i, i, 'WITHSCORES')[2]) + window * (1 + math.floor(k / count))
  return math.max(0, at - now)
end
`;

/**
 * The same windows and line as `memory-call-budget.ts`, in one Lua script so that every instance's check-and-spend
 * is atomic. KEYS as `WINDOWS`; ARGV: now, per minute, per hour, who queues ('' = nobody), minimum hold.
 * Returns {admitted 0|1, position, etaMs}.
 */
const ADMIT = `${WINDOWS}
local member, minHold = ARGV[4], tonumber(ARGV[5])
local free = math.min(freeMinute, freeHour)
local function eta(rank)
  return math.max(waitFor(KEYS[1], inMinute, rank - freeMinute, MINUTE), waitFor(KEYS[2], inHour, rank - freeHour, HOUR))
end
if member == '' then
  if free > 0 then spend() return {1, 0, 0} end
  return {0, 0, eta(0)}
end
local rank = redis.call('ZRANK', KEYS[3], member)
if not rank then
  redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[5]), member)
  rank = redis.call('ZRANK', KEYS[3], member)
end
if rank < free then
  redis.call('ZREM', KEYS[3], member)
  redis.call('ZREM', KEYS[4], member)
  spend()
  return {1, 0, 0}
end
local wait = eta(rank)
redis.call('ZADD', KEYS[4], now + math.max(2 * wait, minHold), member)
redis.call('PEXPIRE', KEYS[3], HOUR)
redis.call('PEXPIRE', KEYS[4], HOUR)
return {0, rank + 1, wait}
`;

/**
 * A call made ahead of need, as in `memory-call-budget.ts`: spends only while nobody waits in line and more than the
 * reserve is free in both windows; never queues. KEYS as `WINDOWS`; ARGV: now, per minute, per hour, reserve per
 * minute, reserve per hour. Returns {admitted 0|1, etaMs}.
 */
const ADMIT_AHEAD = `${WINDOWS}
local keepMinute, keepHour = tonumber(ARGV[4]), tonumber(ARGV[5])
local waiting = redis.call('ZCARD', KEYS[3])
if waiting == 0 and freeMinute > keepMinute and freeHour > keepHour then
  spend()
  return {1, 0}
end
return {0, math.max(waitFor(KEYS[1], inMinute, keepMinute + waiting - freeMinute, MINUTE),
  waitFor(KEYS[2], inHour, keepHour + waiting - freeHour, HOUR))}
`;

const HOLDS = `
local held = redis.call('ZSCORE', KEYS[1], ARGV[1])
if held and tonumber(held) > tonumber(ARGV[2]) then return 1 end
return 0
`;

/** The cluster-wide budget: every instance on one Redis spends from the same windows and serves the same line. */
export function createRedisCallBudget({
  redis,
  keyPrefix = '',
  limits,
  now = Date.now,
}: {
  redis: Redis;
  keyPrefix?: string;
  limits: (api: string) => BudgetLimits;
  now?: () => number;
}): CallBudget {
  const keys = (api: string) => {
    // One hash slot per API ({api}), should the Redis ever be a cluster.
    const base = `${keyPrefix}budget:{${api}}`;
    return [`${base}:minute`, `${base}:hour`, `${base}:line`, `${base}:held`, `${base}:seq`];
  };
  return {
    async admit(api, queueAs): Promise<Admission> {
      const { perMinute, perHour } = limits(api);
      const [admitted, position, etaMs] = (await redis.eval(
        ADMIT,
        5,
        ...keys(api),
        now(),
        perMinute,
        perHour,
        queueAs ?? '',
        MIN_HOLD_MS,
      )) as [number, number, number];
      if (admitted === 1) return { admitted: true };
      return queueAs === undefined ? { admitted: false, etaMs } : { admitted: false, etaMs, position };
    },
    async admitAhead(api, { reserve }): Promise<Admission> {
      const window = limits(api);
      const [admitted, etaMs] = (await redis.eval(
        ADMIT_AHEAD,
        5,
        ...keys(api),
        now(),
        window.perMinute,
        window.perHour,
        reserve.perMinute,
        reserve.perHour,
      )) as [number, number];
      if (admitted === 1) return { admitted: true };
      return { admitted: false, etaMs: Math.max(etaMs, 1000) };
    },
    async holdsPlace(api, queueAs) {
      return (await redis.eval(HOLDS, 1, keys(api)[3]!, queueAs, now())) === 1;
    },
  };
}
