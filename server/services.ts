import type { Dispatcher } from 'undici';
import type { Logger } from 'pino';
import type { AppDeps } from './app';
import type { Config } from './config/config';
import { createLiveCardService, type LiveCardServiceOptions } from './lives/live-card-service';
import { createLiveListService } from './lives/live-list-service';
import { createLivingCodeService } from './lives/living-code-service';
import type { SecretScrubber } from './logging/secret-scrubber';
import { createSessionTokens } from './session/session-token';
import { createMemoryStore } from './store/memory-store';
import type { Store } from './store/store';
import { createJsonTransport } from './upstream/json-transport';
import { createOAuthStates } from './h5/oauth-state';
import { createMiniProgramLogin } from './wechat/mini-program-login';
import { createOAuthLogin } from './wechat/oauth-login';
import { createOfficialAccount } from './wechat/official-account';
import { createLivingApi } from './wecom/living-api';
import { createWecomClient, type WecomClientOptions } from './wecom/wecom-client';

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
  logger: Logger;
  scrubber?: SecretScrubber;
  now?: () => number;
  dispatcher?: Dispatcher;
  /** Tuning for tests and benchmarks (short back-offs, short cache periods). */
  wecom?: Partial<
    Pick<WecomClientOptions, 'maxRetries' | 'backoff' | 'outageHoldMs' | 'rateLimitHoldMs' | 'tokenFailureCooldownMs'>
  >;
  cards?: Partial<Pick<LiveCardServiceOptions, 'freshMs' | 'staleMaxMs' | 'notFoundMs'>>;
  upstreamTimeoutMs?: number;
}

/** Wires configuration into the services the HTTP app needs. The one place where collaborators meet. */
export function createServices({
  config,
  sessionSecret,
  store,
  signInStore,
  logger,
  scrubber,
  now = Date.now,
  dispatcher,
  wecom: wecomTuning = {},
  cards: cardTuning = {},
  upstreamTimeoutMs = 5000,
}: ServiceOptions): Omit<AppDeps, 'h5Dir'> {
  scrubber?.add(config.wecom.secret);
  scrubber?.add(config.wechat.miniSecret);
  scrubber?.add(config.officialAccount.secret);
  scrubber?.add(sessionSecret);
  const transport = createJsonTransport({ dispatcher, timeoutMs: upstreamTimeoutMs });
  const wecom = createWecomClient({
    ...config.wecom,
    ...wecomTuning,
    transport,
    store,
    logger,
    now,
    onSecret: (s) => scrubber?.add(s),
  });
  const livingApi = createLivingApi(wecom);
  const cards = createLiveCardService({ livingApi, store, logger, now, ...cardTuning });
  return {
    logger,
    cards,
    lists: createLiveListService({
      liveIds: config.liveIds,
      anchors: config.liveAnchors,
      livingApi,
      cards,
      store,
      logger,
    }),
    codes: createLivingCodeService({ livingApi, cards, store, now, watchPathHtmlSuffix: config.watchPathHtmlSuffix }),
    sessions: createSessionTokens({ secret: sessionSecret, now }),
    oauthStates: createOAuthStates({ store: signInStore ?? createMemoryStore({ maxEntries: 50_000, now }) }),
    oauthLogin: createOAuthLogin({
      appId: config.officialAccount.appId,
      secret: config.officialAccount.secret,
      apiBase: config.wechat.apiBase,
      transport,
      logger,
    }),
    officialAccount: {
      ...createOfficialAccount({
        appId: config.officialAccount.appId,
        secret: config.officialAccount.secret,
        apiBase: config.wechat.apiBase,
        transport,
        store,
        logger,
        now,
        onSecret: (s) => scrubber?.add(s),
      }),
      openBase: config.officialAccount.openBase,
    },
    publicOrigin: config.publicOrigin,
    login: createMiniProgramLogin({
      appId: config.wechat.miniAppId,
      secret: config.wechat.miniSecret,
      apiBase: config.wechat.apiBase,
      transport,
      logger,
    }),
  };
}
