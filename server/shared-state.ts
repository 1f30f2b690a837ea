import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BudgetLimits, CallBudget } from './budget/call-budget';
import { createMemoryCallBudget } from './budget/memory-call-budget';
import { createRedisCallBudget } from './budget/redis-call-budget';
import { createResilientCallBudget } from './budget/resilient-call-budget';
import type { Config } from './config/config';
import { appErrorCodec } from './errors/error-codec';
import { createInstanceRegistry } from './store/instance-registry';
import { createRedisInvalidationBus } from './store/invalidation-bus';
import { createMemoryStore } from './store/memory-store';
import { withNearCache } from './store/near-cache';
import { createRedisStore } from './store/redis-store';
import { createCappedRedisStore } from './store/capped-redis-store';
import { createResilientStore } from './store/resilient-store';
import { createStoreHealth } from './store/store-health';
import type { Store } from './store/store';
import { createMemoryCardBus, createRedisCardBus, type CardBus } from './push/card-bus';
import { unknownLaneLimits } from './lives/unknown-live-lane';

/** Everything instances share, decided once from the configuration: memory for one instance, Redis for several. */
export interface SharedState {
  store: Store;
  /**
   * Pending sign-ins: a store of their own, capped at `MAX_PENDING_SIGN_INS` (memory: an LRU; Redis: an index and
   * eviction of the oldest), so a flood cannot evict tokens or cards nor grow without bound.
   */
  signInStore: Store;
  /** Staff sessions: a memory store of their own, or Redis with no memory fallback (see staff-sessions.ts). */
  staffStore: Store;
  /** The WeCom budget: this process's in memory mode, the cluster's with Redis. */
  budget: CallBudget;
  /** The lane for lookups of unknown lives: a share of the same budget, over windows of its own. */
  unknownLivesBudget: CallBudget;
  /** The Redis connection for per-client limits; undefined in memory mode. */
  redis: Redis | undefined;
  /** Card changes, to every instance's sockets. */
  cardBus: CardBus;
  /** True while the shared store is unreachable and memory stands in. */
  degraded(): boolean;
  close(): Promise<void>;
}

/** What the services take from the shared state (spread into `createServices`). */
export function sharedServiceOptions({
  store,
  signInStore,
  staffStore,
  budget,
  unknownLivesBudget,
  redis,
  cardBus,
}: SharedState) {
  return { store, signInStore, staffStore, budget, unknownLivesBudget, redis, cardBus };
}

/**
 * Pending sign-ins (viewer and staff OAuth states together) kept at most, in memory and on Redis alike: ten minutes
 * at ~80 sign-ins a second. Past it the oldest go (their sign-in fails with a retry link), never anything else.
 */
export const MAX_PENDING_SIGN_INS = 50_000;

/** Keys kept near (in process, ≤ 1 s) in front of Redis: live cards, read on every poll of every viewer. */
const NEAR_PREFIXES = ['live:'];

export async function createSharedState({
  config,
  logger,
  now = Date.now,
}: {
  config: Pick<Config, 'redis' | 'wecomBudget' | 'unknownLives'>;
  logger: Logger;
  now?: () => number;
}): Promise<SharedState> {
  const limits = () => config.wecomBudget;
  const laneLimits = () => unknownLaneLimits(config.wecomBudget, config.unknownLives.budgetShare);
  if (!config.redis) {
    return {
      store: createMemoryStore({ now }),
      signInStore: createMemoryStore({ maxEntries: MAX_PENDING_SIGN_INS, now }),
      staffStore: createMemoryStore({ maxEntries: 20_000, now }),
      budget: createMemoryCallBudget({ limits, now }),
      unknownLivesBudget: createMemoryCallBudget({ limits: laneLimits, now }),
      redis: undefined,
      cardBus: createMemoryCardBus(),
      degraded: () => false,
      close: async () => undefined,
    };
  }

  const { url, keyPrefix, commandTimeoutMs } = config.redis;
  const health = createStoreHealth({ logger, now });
  // No offline queue and a command timeout: while Redis is away a command fails at once instead of piling up.
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  });
  redis.on('ready', () => health.connected());
  redis.on('close', () => health.disconnected());
  redis.on('error', (err: Error) => health.disconnected(err.message));
  // The subscriber may queue its SUBSCRIBE until connected; ioredis subscribes again after every reconnect.
  const subscriber = redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
  subscriber.on('error', () => undefined);
  await redis.connect().catch((err: Error) => health.disconnected(err.message));
  await subscriber.connect().catch(() => undefined);

  const bus = await createRedisInvalidationBus({ publisher: redis, subscriber, channel: `${keyPrefix}invalidate` });
  const cardBus = await createRedisCardBus({ publisher: redis, subscriber, channel: `${keyPrefix}cards` });
  const store = withNearCache(
    createResilientStore({
      shared: createRedisStore({ redis, keyPrefix, now, errors: appErrorCodec }),
      local: createMemoryStore({ now }),
      health,
    }),
    { prefixes: NEAR_PREFIXES, bus, now },
  );
  const instances = createInstanceRegistry({ redis, keyPrefix, now });
  await instances.start();
  const fairShare = (whole: BudgetLimits) => {
    const n = instances.count();
    return {
      perMinute: Math.max(1, Math.floor(whole.perMinute / n)),
      perHour: Math.max(1, Math.floor(whole.perHour / n)),
    };
  };
  /** Cluster-wide windows on Redis; while Redis is away, this instance's fair share of them from memory. */
  const clusterBudget = (of: () => BudgetLimits, prefix: string) =>
    createResilientCallBudget({
      shared: createRedisCallBudget({ redis, keyPrefix: prefix, limits: of, now }),
      insurance: createMemoryCallBudget({ limits: () => fairShare(of()), now }),
      health,
    });
  const budget = clusterBudget(limits, keyPrefix);
  const unknownLivesBudget = clusterBudget(laneLimits, `${keyPrefix}unknown-lives:`);

  // Anyone can start a sign-in: capped on Redis too, the oldest evicted in the same script as each write.
  const signInStore = createResilientStore({
    shared: createCappedRedisStore({
      store: createRedisStore({ redis, keyPrefix, now, errors: appErrorCodec }),
      redis,
      keyPrefix,
      indexName: 'sign-in-states',
      maxEntries: MAX_PENDING_SIGN_INS,
      now,
    }),
    local: createMemoryStore({ maxEntries: MAX_PENDING_SIGN_INS, now }),
    health,
  });

  return {
    store,
    signInStore,
    staffStore: createRedisStore({ redis, keyPrefix, now, errors: appErrorCodec }),
    budget,
    unknownLivesBudget,
    redis,
    cardBus,
    degraded: () => health.degraded(),
    async close() {
      await instances.stop();
      await bus.close();
      await cardBus.close();
      await Promise.all([
        redis.quit().catch(() => redis.disconnect()),
        subscriber.quit().catch(() => subscriber.disconnect()),
      ]);
    },
  };
}
