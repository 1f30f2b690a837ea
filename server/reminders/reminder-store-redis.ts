import type { Redis } from 'ioredis';
import { storeCommand } from '../store/store-unavailable-error';
import { memberOf, subscriberOf, type Claim, type ReminderStatus, type ReminderStore } from './reminder-store';

/** A live's reminders are kept this long after their last change (a live moved months ahead keeps them). */
const KEEP_MS = 400 * 24 * 3600_000;

// KEYS: subs, counts, meta, due. ARGV: member, templateId, startMs, cap, livingId, keepMs.
// An entry is `<status letter>|<templateId>[|<reason>]`: p pending, g sending, s sent, f failed.
const SUBSCRIBE = `
redis.call('HSET', KEYS[3], 'start', ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[6])
if redis.call('ZSCORE', KEYS[4], ARGV[5]) then redis.call('ZADD', KEYS[4], ARGV[3], ARGV[5]) end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'exists' end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return 'full' end
redis.call('HSET', KEYS[1], ARGV[1], 'p|' .. ARGV[2])
redis.call('HINCRBY', KEYS[2], 'subscribers', 1)
redis.call('HINCRBY', KEYS[2], 'pending', 1)
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return 'added'`;

// KEYS: subs, meta, due. ARGV: startMs, livingId.
const MOVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], 'start', ARGV[1])
if redis.call('ZSCORE', KEYS[3], ARGV[2]) then redis.call('ZADD', KEYS[3], ARGV[1], ARGV[2]) end
return 1`;

// KEYS: subs. ARGV: member.
const CLAIM = `
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if not entry then return 'done' end
local status = string.sub(entry, 1, 1)
if status == 'g' then return 'resume' end
if status ~= 'p' then return 'done' end
redis.call('HSET', KEYS[1], ARGV[1], 'g' .. string.sub(entry, 2))
return 'go'`;

// KEYS: subs. ARGV: member.
const RELEASE = `
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if entry and string.sub(entry, 1, 1) == 'g' then redis.call('HSET', KEYS[1], ARGV[1], 'p' .. string.sub(entry, 2)) end
return 1`;

// KEYS: subs, counts, due. ARGV: member, outcome ('' = sent, else the reason), livingId.
const FINISH = `
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if not entry then return 0 end
local status = string.sub(entry, 1, 1)
if status ~= 'p' and status ~= 'g' then return 0 end
if ARGV[2] == '' then
  redis.call('HSET', KEYS[1], ARGV[1], 's' .. string.sub(entry, 2))
  redis.call('HINCRBY', KEYS[2], 'sent', 1)
else
  redis.call('HSET', KEYS[1], ARGV[1], 'f' .. string.sub(entry, 2) .. '|' .. ARGV[2])
  redis.call('HINCRBY', KEYS[2], 'failed:' .. ARGV[2], 1)
end
if redis.call('HINCRBY', KEYS[2], 'pending', -1) <= 0 then redis.call('ZREM', KEYS[3], ARGV[3]) end
return 1`;

const STATUS: Record<string, ReminderStatus> = { p: 'pending', g: 'sending', s: 'sent', f: 'failed' };

/**
 * The reminders on Redis, under `<prefix>reminders:`: per live a hash of entries (`app|openid` → status and template,
 * ~100 bytes a subscriber), a hash of counters and one of meta (start, started), plus one sorted set of the lives
 * with reminders not yet sent, by start. Every change of an entry and its counters is one script. A command that
 * fails rejects with `StoreUnavailableError`.
 */
export function createRedisReminderStore({
  redis,
  keyPrefix = '',
}: {
  redis: Redis;
  keyPrefix?: string;
}): ReminderStore {
  const base = `${keyPrefix}reminders:`;
  const subs = (id: string) => `${base}${id}:subs`;
  const counts = (id: string) => `${base}${id}:counts`;
  const meta = (id: string) => `${base}${id}:meta`;
  const due = `${base}due`;
  return {
    async subscribe(livingId, { app, openid, templateId }, startMs, cap) {
      const keys = [subs(livingId), counts(livingId), meta(livingId), due];
      const args = [memberOf(app, openid), templateId, startMs, cap, livingId, KEEP_MS];
      return (await storeCommand(redis.eval(SUBSCRIBE, keys.length, ...keys, ...args))) as 'added' | 'exists' | 'full';
    },
    async status(livingId, app, openid) {
      const entry = await storeCommand(redis.hget(subs(livingId), memberOf(app, openid)));
      return entry ? STATUS[entry[0] ?? ''] : undefined;
    },
    async counts(livingId) {
      const [all, info] = await storeCommand(
        Promise.all([redis.hgetall(counts(livingId)), redis.hgetall(meta(livingId))]),
      );
      const failed: Record<string, number> = {};
      for (const [field, value] of Object.entries(all)) {
        if (field.startsWith('failed:')) failed[field.slice('failed:'.length)] = Number(value);
      }
      return {
        subscribers: Number(all.subscribers ?? 0),
        pending: Math.max(0, Number(all.pending ?? 0)),
        sent: Number(all.sent ?? 0),
        failed,
        started: info.started !== undefined,
        startedAt: info.started === undefined ? undefined : Number(info.started),
        startMs: info.start === undefined ? undefined : Number(info.start),
      };
    },
    async move(livingId, startMs) {
      await storeCommand(redis.eval(MOVE, 3, subs(livingId), meta(livingId), due, startMs, livingId));
    },
    async markStarted(livingId, atMs) {
      return (await storeCommand(redis.hsetnx(meta(livingId), 'started', String(atMs)))) === 1;
    },
    async drop(livingId) {
      await storeCommand(
        redis.multi().del(subs(livingId), counts(livingId), meta(livingId)).zrem(due, livingId).exec(),
      );
    },
    async unsent(livingId, cursor) {
      const [next, flat] = await storeCommand(redis.hscan(subs(livingId), cursor, 'COUNT', 1000));
      const subscribers = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const [status = '', templateId = ''] = flat[i + 1]!.split('|');
        const subscriber = status === 'p' || status === 'g' ? subscriberOf(flat[i]!, templateId) : undefined;
        if (subscriber) subscribers.push(subscriber);
      }
      return { subscribers, cursor: next };
    },
    async claim(livingId, app, openid) {
      return (await storeCommand(redis.eval(CLAIM, 1, subs(livingId), memberOf(app, openid)))) as Claim;
    },
    async release(livingId, app, openid) {
      await storeCommand(redis.eval(RELEASE, 1, subs(livingId), memberOf(app, openid)));
    },
    async finish(livingId, app, openid, outcome) {
      const reason = 'sent' in outcome ? '' : outcome.failed;
      await storeCommand(
        redis.eval(FINISH, 3, subs(livingId), counts(livingId), due, memberOf(app, openid), reason, livingId),
      );
    },
    async due(untilMs) {
      const flat = await storeCommand(redis.zrangebyscore(due, '-inf', untilMs, 'WITHSCORES'));
      const lives = [];
      for (let i = 0; i + 1 < flat.length; i += 2) lives.push({ livingId: flat[i]!, startMs: Number(flat[i + 1]) });
      return lives;
    },
  };
}
