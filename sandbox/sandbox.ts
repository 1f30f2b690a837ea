import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import Koa from 'koa';
import { apiMiddleware } from './api-middleware';
import { createCallLog } from './core/call-log';
import { createCallbackDeliverer } from './callbacks/deliverer';
import type { CallbackTarget } from './callbacks/target';
import { createControlRouter } from './controls/router';
import { SANDBOX_CREDENTIALS, type SandboxCredentials } from './core/credentials';
import type { SandboxState } from './core/endpoint';
import { createFaultInjector } from './core/fault-injector';
import { createJsapiTicketRegistry } from './wechat/jsapi-ticket-registry';
import { createLiveStore } from './wecom/living/live-store';
import { createLivingCodeRegistry } from './wecom/living/living-code-registry';
import { createMinuteWindowLimiter } from './core/minute-window-limiter';
import { createStableTokenRegistry } from './wechat/stable-token-registry';
import type { Sandbox } from './sandbox-handle';
import { createTokenRegistry } from './core/token-registry';
import { createWatchStatStore } from './wecom/watch-stat/watch-stat-store';
import { createWechatLogins } from './wechat/mini-program-logins';
import { createOAuthLogins } from './wechat/oauth-logins';
import { createMemberLogins } from './wecom/sign-in/member-logins';
import { createSubscriptionRegistry } from './wechat/subscribe/subscriptions';
import { SANDBOX_REMINDER_TEMPLATES } from './wechat/subscribe/subscribe-templates';
import { createUrlLinkRegistry } from './wechat/url-links/url-link-registry';
import { urlLinkPage } from './wechat/url-links/url-link-page';

export interface SandboxOptions {
  /** Defaults: {@link SANDBOX_CREDENTIALS}. */
  corpId?: string;
  corpSecret?: string;
  /** The WeCom app's AgentID member sign-in must name. Default: {@link SANDBOX_CREDENTIALS}. */
  agentId?: string;
  miniAppId?: string;
  miniSecret?: string;
  /** The verified service account (H5 OAuth, JS-SDK). Defaults: {@link SANDBOX_CREDENTIALS}. */
  mpAppId?: string;
  mpSecret?: string;
  /** Lifetime of an access token; default 7200 s, as WeCom's. */
  tokenTtlSeconds?: number;
  /** Lifetime of a service account access token (`stable_token`); default 7200 s, as WeChat's. */
  mpTokenTtlSeconds?: number;
  /** Lifetime of a JS-SDK jsapi_ticket; default 7200 s, as WeChat's. */
  jsapiTicketTtlSeconds?: number;
  /** How long a web OAuth code may be traded; default 300 s, as WeChat documents. */
  oauthCodeTtlSeconds?: number;
  /**
   * Hosts the authorize page redirects to (the service account's 网页授权域名), matched exactly, any port;
   * default `localhost` and `127.0.0.1`.
   */
  oauthDomains?: string[];
  /**
   * Hosts WeCom's member OAuth and web login redirect to (the app's 可信域名, else 50001), matched exactly, any port;
   * default `localhost` and `127.0.0.1`.
   */
  wecomDomains?: string[];
  /** How long a WeCom member sign-in code may be traded with getuserinfo; default 300 s, as WeCom documents. */
  wecomCodeTtlSeconds?: number;
  /** How long a living_code may be reused; default 300 s, as WeCom documents. */
  livingCodeTtlSeconds?: number;
  /**
   * Viewers per `get_watch_stat` page, members and external people together; default 100. The members' last page
   * is shorter, and an empty page with `ending: 1` always closes the list.
   */
  watchStatPageSize?: number;
  /** WeCom calls allowed per API per corp per minute window; default 10 000 (WeCom's published limit). */
  rateLimitPerMinute?: number;
  /** Millisecond clock for tokens, codes, limits and seeded times; default `Date.now`. */
  now?: () => number;
  /** Serve the seeded lives (default true); false starts with none. */
  seed?: boolean;
  /**
   * Where `living_status_change` callbacks go, as set in the app's 接收消息 settings; default none (no callbacks).
   * Usually set later with `sandbox.callbacks.configure`, once the BFF knows its URL.
   */
  callback?: CallbackTarget;
  /** How long WeCom waits for a callback's HTTP 200 before it counts as failed and is retried; default 5000. */
  callbackTimeoutMs?: number;
  /** The pause before a callback is retried; default 1000 (WeCom documents none). */
  callbackRetryDelayMs?: number;
}

/**
 * Creates the sandbox: WeCom's `/cgi-bin/gettoken`, `/cgi-bin/living/*` and member sign-in (OAuth on
 * `/connect/oauth2/authorize` with the corp id, web login on `/wwlogin/sso/login`, `/cgi-bin/auth/getuserinfo`),
 * WeChat's `/sns/jscode2session`, the service account's `/connect/oauth2/authorize`, `/sns/oauth2/access_token`,
 * `/cgi-bin/stable_token` and `/cgi-bin/ticket/getticket`, both apps' subscribe messages
 * (`/cgi-bin/message/subscribe/send`, `/cgi-bin/message/subscribe/bizsend`), the mini program's `/wxa/getwxacodeunlimit` (its
 * codes) and `/wxa/generate_urllink` (its URL Links, whose pages `/wxaurl/ID` it serves too), and the `/__sandbox/*` control endpoints, all in one Koa app. It emulates the platforms' documented
 * behaviour and quirks (HTTP 200 errors, errmsg hints, token reuse, single-use login codes, minute limits) rather
 * than whatever would be convenient, so the BFF's tests fail where production would.
 */
export function createSandbox({
  corpId = SANDBOX_CREDENTIALS.corpId,
  corpSecret = SANDBOX_CREDENTIALS.corpSecret,
  agentId = SANDBOX_CREDENTIALS.agentId,
  miniAppId = SANDBOX_CREDENTIALS.miniAppId,
  miniSecret = SANDBOX_CREDENTIALS.miniSecret,
  mpAppId = SANDBOX_CREDENTIALS.mpAppId,
  mpSecret = SANDBOX_CREDENTIALS.mpSecret,
  tokenTtlSeconds = 7200,
  mpTokenTtlSeconds = 7200,
  jsapiTicketTtlSeconds = 7200,
  oauthCodeTtlSeconds = 300,
  oauthDomains = ['localhost', '127.0.0.1'],
  wecomDomains = ['localhost', '127.0.0.1'],
  wecomCodeTtlSeconds = 300,
  livingCodeTtlSeconds = 300,
  watchStatPageSize = 100,
  rateLimitPerMinute = 10_000,
  now = Date.now,
  seed = true,
  callback,
  callbackTimeoutMs = 5000,
  callbackRetryDelayMs = 1000,
}: SandboxOptions = {}): Sandbox {
  const credentials: SandboxCredentials = Object.freeze({
    corpId,
    corpSecret,
    agentId,
    miniAppId,
    miniSecret,
    mpAppId,
    mpSecret,
  });
  const callbacks = createCallbackDeliverer({
    corpId,
    now,
    target: callback,
    timeoutMs: callbackTimeoutMs,
    retryDelayMs: callbackRetryDelayMs,
  });
  if (!Number.isInteger(watchStatPageSize) || watchStatPageSize < 1) {
    throw new Error('sandbox: watchStatPageSize must be a positive integer');
  }
  const watchStats = createWatchStatStore();
  const state: SandboxState = {
    credentials,
    now,
    rateLimitPerMinute,
    tokens: createTokenRegistry({ now, ttlSeconds: tokenTtlSeconds, invalidErrcode: 40014 }),
    lives: createLiveStore({
      now,
      seed,
      watchStats,
      onStatusChange: (livingId, info) =>
        callbacks.statusChanged({
          livingId,
          status: info.status,
          anchorUserId: info.anchor_userid,
          createTime: Math.floor(now() / 1000),
        }),
    }),
    watchStats,
    watchStatPageSize,
    livingCodes: createLivingCodeRegistry({ now, ttlSeconds: livingCodeTtlSeconds }),
    wechat: createWechatLogins({ appId: miniAppId }),
    oauthDomains: oauthDomains.map((host) => host.toLowerCase()),
    oauth: createOAuthLogins({ appId: mpAppId, now, codeTtlSeconds: oauthCodeTtlSeconds }),
    wecomDomains: wecomDomains.map((host) => host.toLowerCase()),
    members: createMemberLogins({ corpId, now, codeTtlSeconds: wecomCodeTtlSeconds }),
    stableTokens: createStableTokenRegistry({ now, ttlSeconds: mpTokenTtlSeconds }),
    jsapiTickets: createJsapiTicketRegistry({ now, ttlSeconds: jsapiTicketTtlSeconds }),
    subscriptions: createSubscriptionRegistry(SANDBOX_REMINDER_TEMPLATES),
    limiter: createMinuteWindowLimiter(now),
    urlLinks: createUrlLinkRegistry({ now }),
  };
  const faults = createFaultInjector();
  const callLog = createCallLog();

  // Calls waiting out a latency fault; close() releases them so no timer keeps the process alive.
  const waiting = new Map<NodeJS.Timeout, (completed: boolean) => void>();
  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(timer);
        resolve(true);
      }, ms);
      waiting.set(timer, resolve);
    });

  const app = new Koa();
  let server: Server | undefined;
  const sockets = new Set<Socket>();

  const sandbox: Sandbox = {
    credentials,
    callback: () => app.callback(),
    async listen(port = 0, host = '127.0.0.1') {
      if (server) throw new Error('sandbox: already listening');
      const listening = createServer(app.callback());
      listening.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, host, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
      const { port: actualPort } = listening.address() as AddressInfo;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    },
    async close() {
      await callbacks.close();
      for (const [timer, release] of waiting) {
        clearTimeout(timer);
        release(false);
      }
      waiting.clear();
      const closing = server;
      server = undefined;
      if (!closing) return;
      const closed = new Promise<void>((resolve, reject) => closing.close((err) => (err ? reject(err) : resolve())));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    },
    get calls() {
      return callLog.all();
    },
    callsTo: (api) => callLog.to(api),
    resetCalls: () => callLog.clear(),
    faults,
    lives: state.lives,
    watchStats,
    tokens: state.tokens,
    wechat: state.wechat,
    oauth: state.oauth,
    members: state.members,
    mp: {
      issuedTokens: () => state.stableTokens.issued(),
      issuedTickets: () => state.jsapiTickets.issued(),
      expireTokens: () => state.stableTokens.expireAll(),
      invalidateTokens: () => state.stableTokens.invalidateAll(),
      expireTickets: () => state.jsapiTickets.expireAll(),
    },
    livingCodes: state.livingCodes,
    subscriptions: state.subscriptions,
    urlLinks: state.urlLinks.handle,
    callbacks: {
      configure: (target) => callbacks.configure(target),
      target: () => callbacks.target(),
      deliveries: () => callbacks.deliveries(),
      idle: () => callbacks.idle(),
      verifyUrl: () => callbacks.verifyUrl(),
      faults: callbacks.faults,
    },
    secrets: () => [
      corpSecret,
      miniSecret,
      mpSecret,
      ...state.tokens.issued(),
      ...state.stableTokens.issued(),
      ...state.oauth.issuedUserTokens(),
      ...state.wechat.issuedSessionKeys(),
      ...state.jsapiTickets.issued(),
      ...callbackSecrets(callbacks.target()),
    ],
    reset() {
      callbacks.reset();
      faults.clear();
      callLog.clear();
      state.tokens.clear();
      state.livingCodes.clear();
      state.wechat.clear();
      state.oauth.clear();
      state.members.clear();
      state.stableTokens.clear();
      state.jsapiTickets.clear();
      state.limiter.clear();
      state.subscriptions.clear();
      state.urlLinks.clear();
      state.lives.reseed();
    },
  };

  // Control endpoints first: they answer before the API middleware can record or fault them.
  app.use(createControlRouter(sandbox).routes());
  // The links' own pages (wxaurl.cn in reality): opened by browsers, never recorded as API calls nor faulted.
  app.use(urlLinkPage(state.urlLinks));
  app.use(apiMiddleware({ state, faults, calls: callLog, wait }));
  return sandbox;
}

/** The callback Token and EncodingAESKey are secrets the BFF must never show either. */
function callbackSecrets(target: CallbackTarget | undefined): string[] {
  return target ? [target.token, target.aesKey] : [];
}
