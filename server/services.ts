import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { AppDeps } from './app';
import type { CallBudget } from './budget/call-budget';
import { createMemoryCallBudget } from './budget/memory-call-budget';
import { createClientLimits } from './limits/client-limits';
import type { Readiness } from './health/readiness';
import { withBudgetMetrics } from './metrics/budget-metrics';
import type { Metrics } from './metrics/metrics';
import { createCallbackService } from './callback/callback-service';
import { createStaffSessions } from './sign-in/staff-sessions';
import { createStaffSignIn } from './sign-in/staff-sign-in';
import { createWatchStatsService } from './watch-stats/watch-stats-service';
import { createLivePageCodes } from './share-kit/live-page-codes';
import { createPosterRenderer } from './share-kit/poster';
import { createSceneAliases } from './share-kit/scene-aliases';
import { createShareKit } from './share-kit/share-kit';
import { createImageAnswerTransport } from './wechat/image-answer-transport';
import { createMiniProgramCode } from './wechat/mini-program-code';
import { createFunnelService } from './funnel/funnel-service';
import { createMemoryAudienceCounters } from './store/audience-counters-memory';
import { createRedisAudienceCounters } from './store/audience-counters-redis';
import { createMemberApi } from './wecom/member-api';
import { createMemoryCardBus, type CardBus } from './push/card-bus';
import type { Config } from './config/config';
import { createLiveCardService, type LiveCardServiceOptions } from './lives/live-card-service';
import { createLiveListService } from './lives/live-list-service';
import { createCreatedLives } from './lives/created-lives';
import { createKnownLives } from './lives/known-lives';
import { createUnknownLiveLane, unknownLaneLimits } from './lives/unknown-live-lane';
import { createReservedLives } from './lives/reserved-lives';
import { createCodeWaiters } from './lives/code-waiters';
import { createLivingCodeService } from './lives/living-code-service';
import { viewerKey } from './sign-in/viewer';
import type { SecretScrubber } from './logging/secret-scrubber';
import { createMemoryStore } from './store/memory-store';
import type { Store } from './store/store';
import { createJsonTransport } from './upstream/json-transport';
import type { UpstreamPolicy } from './upstream/upstream-policy';
import { createOAuthStates } from './sign-in/oauth-state';
import { createSessionTokens } from './sign-in/viewer-session-tokens';
import { createViewerSignIn } from './sign-in/viewer-sign-in';
import { createMiniProgramLogin } from './wechat/mini-program-login';
import { createOAuthLogin } from './wechat/oauth-login';
import { createOfficialAccount } from './wechat/official-account';
import { createWechatClient } from './wechat/wechat-client';
import { createLivingManageApi } from './wecom/living-manage-api';
import { LIVING_CODE_API, createLivingReadApi } from './wecom/living-read-api';
import { createWatchStatApi } from './wecom/watch-stat-api';
import { createWecomClient } from './wecom/wecom-client';
import { createSubscribeMessageApi } from './wechat/subscribe-message-api';
import { createUrlLinkApi } from './wechat/url-link-api';
import { createUrlLinkQuota } from './url-links/url-link-quota';
import { createUrlLinkService } from './url-links/url-link-service';
import { createMemoryReminderStore } from './reminders/reminder-store-memory';
import { createRedisReminderStore } from './reminders/reminder-store-redis';
import { createReminderSender } from './reminders/reminder-sender';
import { createMemoryReminderQueue } from './reminders/reminder-queue-memory';
import { createBullmqReminderQueue, type BullmqReminderQueueOptions } from './reminders/reminder-queue-bullmq';
import { createReminderService } from './reminders/reminder-service';
import { createReminderReconciler } from './reminders/reminder-reconciler';

export interface ServiceOptions {
  config: Config;
  sessionSecret: string;
  store: Store;
  /**
   * Pending H5 sign-ins (OAuth states). Anyone can start one, so they get a store of their own: a flood of them
   * crowds out only other pending sign-ins, never tokens, cards or back-off windows. Defaults to a memory store
   * of 50,000 (ten minutes at ~80 sign-ins a second before the oldest go).
   */
  signInStore?: Store;
  /**
   * Staff sessions: the shared store without a memory fallback (Redis), so a session unknown to this instance is
   * never trusted nor dropped while Redis is away. Defaults to a memory store of its own (one instance).
   */
  staffStore?: Store;
  logger: Logger;
  scrubber?: SecretScrubber;
  now?: () => number;
  dispatcher?: Dispatcher;
  /** Tuning for tests and benchmarks (short back-offs, short holds), applied to WeCom and WeChat alike. */
  upstream?: Partial<UpstreamPolicy>;
  cards?: Partial<Pick<LiveCardServiceOptions, 'freshMs' | 'staleMaxMs' | 'notFoundMs'>>;
  upstreamTimeoutMs?: number;
  /** WeCom's budget, checked before every call; defaults to one for this process alone, from `config.wecomBudget`. */
  budget?: CallBudget;
  /**
   * The lane for lookups of lives nobody knows: the same windows with `UNKNOWN_LIVES_BUDGET_SHARE` of the limits;
   * defaults to one for this process alone.
   */
  unknownLivesBudget?: CallBudget;
  /** Shared counters for per-client limits (several instances); memory when absent. */
  redis?: Redis;
  /** What `/readyz` says; defaults to always ready (tests). */
  readiness?: Readiness;
  /** Counters for `/metrics`; none by default. */
  metrics?: Metrics;
  /** Where card changes go, for every instance's sockets; this process alone by default. */
  cardBus?: CardBus;
  /** Tuning of the reminder queue's workers for tests and benchmarks (short locks, a quick stalled check). */
  reminderQueue?: Partial<Pick<BullmqReminderQueueOptions, 'concurrency' | 'lockDurationMs' | 'stalledIntervalMs'>>;
}

/** The reminders' background work: the reconciler and the queue's worker, started and stopped with the instance. */
export interface ReminderJobs {
  start(): void;
  /** One pass of the reconciler now (tests, benchmarks): resolves to the lives asked about. */
  tick(): Promise<number>;
  /** `force`: as a killed process would (jobs in hand are not waited for). */
  stop(options?: { force?: boolean }): Promise<void>;
}

/** Wires configuration into the services the HTTP app needs. The one place where collaborators meet. */
export function createServices({
  config,
  sessionSecret,
  store,
  signInStore,
  staffStore,
  logger,
  scrubber,
  now = Date.now,
  dispatcher,
  upstream: policy = {},
  cards: cardTuning = {},
  upstreamTimeoutMs = 5000,
  budget = createMemoryCallBudget({ limits: () => config.wecomBudget, now }),
  unknownLivesBudget = createMemoryCallBudget({
    limits: () => unknownLaneLimits(config.wecomBudget, config.unknownLives.budgetShare),
    now,
  }),
  redis,
  readiness = { phase: () => 'ready', degraded: () => [] },
  metrics,
  cardBus = createMemoryCardBus(),
  reminderQueue: reminderTuning = {},
}: ServiceOptions): Omit<AppDeps, 'h5Dir'> & { reminderJobs: ReminderJobs } {
  scrubber?.pin(config.wecom.secret);
  scrubber?.pin(config.wechat.miniSecret);
  scrubber?.pin(config.officialAccount.secret);
  scrubber?.pin(sessionSecret);
  scrubber?.pin(config.callback?.token);
  scrubber?.pin(config.callback?.encodingAesKey);
  const transport = createJsonTransport({ dispatcher, timeoutMs: upstreamTimeoutMs });
  const platform = {
    transport,
    store,
    logger,
    now,
    policy,
    onSecret: (s: string) => scrubber?.add(s),
    onCall: metrics?.upstreamCall,
  };
  const wecomBudget = metrics ? withBudgetMetrics(budget, metrics) : budget;
  const wecom = createWecomClient({ ...config.wecom, ...platform, budget: wecomBudget });
  const miniProgram = createWechatClient({
    appId: config.wechat.miniAppId,
    secret: config.wechat.miniSecret,
    apiBase: config.wechat.apiBase,
    ...platform,
  });
  // The same app, token and holds as `miniProgram`, with a transport that takes the images its codes come as.
  const miniProgramImages = createWechatClient({
    appId: config.wechat.miniAppId,
    secret: config.wechat.miniSecret,
    apiBase: config.wechat.apiBase,
    ...platform,
    transport: createImageAnswerTransport({ dispatcher, timeoutMs: upstreamTimeoutMs }),
  });
  const sceneAliases = createSceneAliases({ store, secret: sessionSecret });
  const serviceAccount = createWechatClient({
    appId: config.officialAccount.appId,
    secret: config.officialAccount.secret,
    apiBase: config.wechat.apiBase,
    ...platform,
  });
  const livingApi = createLivingReadApi(wecom);
  const staffSessions = createStaffSessions({
    secret: sessionSecret,
    store: staffStore ?? createMemoryStore({ maxEntries: 20_000, now }),
    // Read on every staff request: the lists as configured now, never as they were at sign-in.
    roster: () => config.staff,
    now,
  });
  const createdLives = createCreatedLives({ redis, keyPrefix: config.redis?.keyPrefix });
  const known = createKnownLives({ featured: config.liveIds, createdLives, store });
  const cards = createLiveCardService({
    livingApi,
    store,
    logger,
    now,
    onLookup: metrics?.cardLookup,
    notFoundMs: config.unknownLives.refusedMs,
    known,
    lane: createUnknownLiveLane({
      budget: unknownLivesBudget,
      perIpPerMinute: config.unknownLives.perIpPerMinute,
      redis,
      keyPrefix: config.redis?.keyPrefix,
    }),
    ...cardTuning,
  });
  const counters = redis
    ? createRedisAudienceCounters({ redis, keyPrefix: config.redis?.keyPrefix, logger, now })
    : createMemoryAudienceCounters({ now });
  const urlLinks = createUrlLinkService({
    generate: createUrlLinkApi({ wechat: miniProgram }),
    store,
    counters,
    quota: createUrlLinkQuota({
      counters,
      store,
      perDay: config.urlLinks.quotaPerDay,
      stopPercent: config.urlLinks.stopPercent,
      now,
    }),
    tagsPerLive: config.funnel.tagsPerLive,
    lifetimeDays: config.urlLinks.lifetimeDays,
    renewDays: config.urlLinks.renewDays,
    refusalHoldMs: config.urlLinks.refusalHoldMs,
    logger,
    now,
  });
  metrics?.watchUrlLinkQuota(() => urlLinks.quota());
  const codes = createLivingCodeService({
    livingApi,
    cards,
    store,
    now,
    watchPathHtmlSuffix: config.watchPathHtmlSuffix,
    ahead: {
      limits: config.wecomBudget,
      ...config.codesAhead,
      waiters: createCodeWaiters({ counters, now }),
    },
  });
  const reminderStore = redis
    ? createRedisReminderStore({ redis, keyPrefix: config.redis?.keyPrefix })
    : createMemoryReminderStore();
  const reminderTemplates = { mini: config.reminders.mini, mp: config.reminders.mp };
  const queueOptions = {
    processor: createReminderSender({
      store: reminderStore,
      api: createSubscribeMessageApi({ miniProgram, serviceAccount, miniAppId: config.wechat.miniAppId }),
      card: (livingId) => cards.get(livingId),
      templates: () => reminderTemplates,
      logger,
    }),
    ratePerSecond: config.reminders.sendRatePerSecond,
    attempts: config.reminders.attempts,
    backoffMs: config.reminders.backoffMs,
    logger,
    ...reminderTuning,
  };
  // On Redis: BullMQ, one queue for every instance. In memory mode: this process alone, lost on restart. Without a
  // template nothing is ever queued, and no worker holds Redis connections for nothing.
  const offersReminders = config.reminders.mini !== undefined || config.reminders.mp !== undefined;
  const reminderQueue =
    redis && config.redis && offersReminders
      ? createBullmqReminderQueue({ ...queueOptions, redisUrl: config.redis.url, keyPrefix: config.redis.keyPrefix })
      : createMemoryReminderQueue(queueOptions);
  const reminders = createReminderService({
    store: reminderStore,
    queue: reminderQueue,
    cards,
    templates: reminderTemplates,
    appIds: { mini: config.wechat.miniAppId, mp: config.officialAccount.appId },
    maxPerLive: config.reminders.maxPerLive,
    logger,
    now,
  });
  const reconciler = createReminderReconciler({
    store: reminderStore,
    shared: store,
    reminders,
    cards,
    createdLives,
    pushOn: config.callback !== undefined,
    pollMs: config.reminders.pollMs,
    now,
    logger,
  });
  const reminderFailed = (err: unknown) =>
    logger.warn({ event: 'reminder_update_failed', err: String(err) }, 'reminders not updated');
  let stopWatchingCards: (() => void) | undefined;
  const reminderJobs: ReminderJobs = {
    tick: () => reconciler.tick(),
    start() {
      reconciler.start();
      // Cards pushed from any instance: every instance hears a start, a move or a cancellation.
      stopWatchingCards ??= cardBus.subscribe((card) => void reminders.cardSeen(card).catch(reminderFailed));
    },
    async stop(options) {
      stopWatchingCards?.();
      stopWatchingCards = undefined;
      await reconciler.stop();
      await reminderQueue.close(options);
    },
  };

  return {
    logger,
    now,
    reminders,
    reminderJobs,
    remindersInH5: config.reminders.mp !== undefined,
    cards,
    lists: createLiveListService({
      liveIds: config.liveIds,
      anchors: config.liveAnchors,
      livingApi,
      cards,
      store,
      logger,
      createdLives,
      known,
    }),
    codes,
    signIn: createViewerSignIn({
      sessions: createSessionTokens({
        secret: sessionSecret,
        appIds: [config.wechat.miniAppId, config.officialAccount.appId],
        now,
      }),
      oauthStates: createOAuthStates({ store: signInStore ?? createMemoryStore({ maxEntries: 50_000, now }) }),
      oauthLogin: createOAuthLogin({
        wechat: serviceAccount,
        appId: config.officialAccount.appId,
        secret: config.officialAccount.secret,
      }),
      miniProgramLogin: createMiniProgramLogin({
        wechat: miniProgram,
        appId: config.wechat.miniAppId,
        secret: config.wechat.miniSecret,
      }),
      officialAccount: config.officialAccount,
      publicOrigin: config.publicOrigin,
    }),
    officialAccount: createOfficialAccount({ wechat: serviceAccount, appId: config.officialAccount.appId }),
    publicOrigin: config.publicOrigin,
    trustProxy: config.trustProxy,
    clientLimits: createClientLimits({
      limits: config.limits,
      redis,
      keyPrefix: config.redis?.keyPrefix,
      waitsInLine: (viewer) => budget.holdsPlace(LIVING_CODE_API, viewerKey(viewer)),
      newVisitorsPerIpPerMinute: config.funnel.newVisitorsPerIpPerMinute,
    }),
    readiness,
    metrics,
    cardBus,
    staffSessions,
    staffSignIn: createStaffSignIn({
      sessions: staffSessions,
      states: createOAuthStates({
        store: signInStore ?? createMemoryStore({ maxEntries: 50_000, now }),
        keyPrefix: 'staff-oauth-state:',
      }),
      members: createMemberApi(wecom),
      corpId: config.wecom.corpId,
      agentId: config.staff.agentId,
      openBase: config.officialAccount.openBase,
      loginBase: config.staff.loginBase,
      publicOrigin: config.publicOrigin,
    }),
    watchStats: createWatchStatsService({ watchStatApi: createWatchStatApi(wecom), cards, store, now }),
    sceneAliases,
    urlLinks,
    shareKit: createShareKit({
      cards,
      aliases: sceneAliases,
      codes: createLivePageCodes({
        miniProgramCode: createMiniProgramCode({ wechat: miniProgramImages }),
        store,
      }),
      renderPoster: createPosterRenderer({ fontFile: config.posterFont }),
      publicOrigin: config.publicOrigin,
      urlLinks,
      miniAppId: config.wechat.miniAppId,
      now,
    }),
    reservedLives: createReservedLives({
      livingManageApi: createLivingManageApi(wecom),
      cards,
      bus: cardBus,
      createdLives,
      logger,
      now,
    }),
    funnel: createFunnelService({
      counters,
      secret: sessionSecret,
      heldCode: (viewer, livingId) => codes.held(viewer, livingId),
      tagsPerLive: config.funnel.tagsPerLive,
    }),
    callbacks: config.callback
      ? createCallbackService({
          ...config.callback,
          corpId: config.wecom.corpId,
          store,
          cards,
          bus: cardBus,
          logger,
          now,
          onEvent: metrics?.callbackEvent,
          onStatus: (livingId, status) => void reminders.statusChanged(livingId, status).catch(reminderFailed),
        })
      : undefined,
  };
}
