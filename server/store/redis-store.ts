import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { plainErrorCodec, type ErrorCodec } from './error-codec';
import type { Store } from './store';
import { StoreUnavailableError, storeCommand } from './store-unavailable-error';

export interface RedisStoreOptions {
  redis: Redis;
  /** Namespace for every key, so two deployments can share one Redis. */
  keyPrefix?: string;
  /** Milliseconds clock; expiry as callers see it follows it (Redis' own TTL only reclaims memory). */
  now?: () => number;
  /** A flight's lock lasts this long at most: longer than any upstream call with its retries. */
  lockTtlMs?: number;
  /** How long a finished flight's result stays readable for the callers that waited on another instance. */
  resultTtlMs?: number;
  /** How often a waiting instance looks for the result. */
  pollMs?: number;
  /** How a flight's error reaches the instances that waited for it. */
  errors?: ErrorCodec;
}

/** What is kept under a key: the value and when it expires on the store's clock. */
interface Envelope {
  e: number;
  v: unknown;
}

type FlightResult = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Deletes the lock only if this flight still owns it: a slow holder whose lock expired must not free another's. */
const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** Deletes a key only if it still holds exactly the given JSON. */
const DELETE_IF_EQUAL = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Sets the key unless it holds a value that has not expired on the store's clock (ARGV[2], ms). */
const ADD_IF_ABSENT = `
local raw = redis.call('get', KEYS[1])
if raw then
  local ok, held = pcall(cjson.decode, raw)
  if ok and type(held) == 'table' and tonumber(held.e) and tonumber(held.e) > tonumber(ARGV[2]) then return 0 end
end
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1
`;

/** Redis keeps an expired value a little longer than callers see it, so clocks a few ms apart agree on expiry. */
const TTL_SLACK_MS = 1000;

/**
 * The shared `Store`: every instance on one Redis sees the same tokens, cards, codes, states and back-off windows.
 * `take` is GETDEL. `singleFlight` holds across instances: the first caller takes a lock (SET NX PX with a random
 * owner) and runs the work; callers on other instances wait for its result (or error), published under the
 * lock's owner id, instead of calling upstream a second time. Within one process, concurrent callers share one
 * promise before Redis is asked at all.
 */
export function createRedisStore({
  redis,
  keyPrefix = '',
  now = Date.now,
  lockTtlMs = 30_000,
  resultTtlMs = 5_000,
  pollMs = 20,
  errors = plainErrorCodec,
}: RedisStoreOptions): Store {
  const k = (key: string) => `${keyPrefix}${key}`;
  const inFlight = new Map<string, Promise<unknown>>();

  const unwrap = <T>(raw: string | null): T | undefined => {
    if (raw === null) return undefined;
    const envelope = JSON.parse(raw) as Envelope;
    return envelope.e > now() ? (envelope.v as T) : undefined;
  };
  const wrap = (value: unknown, ttlMs: number) => JSON.stringify({ e: now() + ttlMs, v: value } satisfies Envelope);

  /** A Redis command of a flight's bookkeeping: its failure says the store is unusable, not that the work failed. */
  const bookkeeping = storeCommand;

  async function runOrWait<T>(key: string, work: () => Promise<T>): Promise<T> {
    const lockKey = k(`flight:${key}`);
    const deadline = Date.now() + lockTtlMs;
    for (;;) {
      const owner = randomBytes(12).toString('base64url');
      if ((await bookkeeping(redis.set(lockKey, owner, 'PX', lockTtlMs, 'NX'))) === 'OK') {
        const resultKey = k(`flight-result:${key}:${owner}`);
        try {
          const value = await work();
          // Losing Redis now must not lose the value: the waiters then run the work themselves.
          await redis
            .set(resultKey, JSON.stringify({ ok: true, value } satisfies FlightResult), 'PX', resultTtlMs)
            .catch(() => undefined);
          return value;
        } catch (err) {
          await redis
            .set(
              resultKey,
              JSON.stringify({ ok: false, error: errors.encode(err) } satisfies FlightResult),
              'PX',
              resultTtlMs,
            )
            .catch(() => undefined);
          throw err;
        } finally {
          await redis.eval(RELEASE_IF_OWNER, 1, lockKey, owner).catch(() => undefined);
        }
      }
      // Another instance is running it: wait for that flight's result, under its owner's id.
      const holder = await bookkeeping(redis.get(lockKey));
      while (holder && Date.now() < deadline) {
        const raw = await bookkeeping(redis.get(k(`flight-result:${key}:${holder}`)));
        if (raw) {
          const result = JSON.parse(raw) as FlightResult;
          if (result.ok) return result.value as T;
          throw errors.decode(result.error);
        }
        if ((await bookkeeping(redis.get(lockKey))) !== holder) break; // it ended without a result, or its lock ran out
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      if (Date.now() >= deadline) throw new StoreUnavailableError(`flight ${key}: no result within ${lockTtlMs} ms`);
      // The flight is gone: a result may have just been written; the work itself re-checks its cache first.
      const last = holder ? await bookkeeping(redis.get(k(`flight-result:${key}:${holder}`))) : null;
      if (last) {
        const result = JSON.parse(last) as FlightResult;
        if (result.ok) return result.value as T;
        throw errors.decode(result.error);
      }
    }
  }

  return {
    async get<T>(key: string) {
      return unwrap<T>(await redis.get(k(key)));
    },
    async set(key, value, ttlMs) {
      await redis.set(k(key), wrap(value, ttlMs), 'PX', Math.max(1, Math.ceil(ttlMs)) + TTL_SLACK_MS);
    },
    async delete(key) {
      await redis.del(k(key));
    },
    async take<T>(key: string) {
      return unwrap<T>(await redis.getdel(k(key)));
    },
    async add(key, value, ttlMs) {
      const px = Math.max(1, Math.ceil(ttlMs)) + TTL_SLACK_MS;
      return (await redis.eval(ADD_IF_ABSENT, 1, k(key), wrap(value, ttlMs), now(), px)) === 1;
    },
    async deleteIfEqual(key, expected) {
      const raw = await redis.get(k(key));
      if (raw === null) return false;
      const envelope = JSON.parse(raw) as Envelope;
      if (JSON.stringify(envelope.v) !== JSON.stringify(expected)) return false;
      return (await redis.eval(DELETE_IF_EQUAL, 1, k(key), raw)) === 1;
    },
    singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
      const running = inFlight.get(key);
      if (running) return running as Promise<T>;
      const started = (async () => {
        try {
          return await runOrWait(key, work);
        } finally {
          inFlight.delete(key);
        }
      })();
      inFlight.set(key, started);
      return started;
    },
  };
}
