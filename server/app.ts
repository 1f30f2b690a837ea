import type { IncomingMessage, ServerResponse } from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from 'pino';
import { errorHandler } from './http/middleware/error-handler';
import { viewerGuard } from './http/middleware/viewer-guard';
import { requestLog } from './http/middleware/request-log';
import { staticH5 } from './http/middleware/static-h5';
import { h5Pages } from './http/middleware/h5-pages';
import { DEFAULT_VIEWER_TIME_ZONE } from './config/config';
import { staticStaff } from './http/middleware/static-staff';
import { mountRoutes } from './http/mount-routes';
import { buildOpenApi } from './http/openapi-document';
import type { RouteSpec } from './http/route-spec';
import { h5SessionRoutes } from './http/routes/h5-session-routes';
import { healthRoutes } from './http/routes/health-routes';
import { jssdkRoutes } from './http/routes/jssdk-routes';
import { liveRoutes } from './http/routes/live-routes';
import { livingCodeRoutes } from './http/routes/living-code-routes';
import { sessionRoutes } from './http/routes/session-routes';
import { shortLinkRoutes } from './http/routes/short-link-routes';
import type { LiveCardService } from './lives/live-card-service';
import type { LiveListService } from './lives/live-list-service';
import type { LivingCodeService } from './lives/living-code-service';
import type { ViewerSignIn } from './sign-in/viewer-sign-in';
import type { OfficialAccount } from './wechat/official-account';
import type { ClientLimits } from './limits/client-limits';
import type { Readiness } from './health/readiness';
import type { Metrics } from './metrics/metrics';
import type { CallbackService } from './callback/callback-service';
import type { CardBus } from './push/card-bus';
import { callbackRoutes } from './http/routes/callback-routes';
import { staffSessionRoutes } from './http/routes/staff-session-routes';
import { staffGuards } from './http/middleware/staff-guard';
import type { StaffSignIn } from './sign-in/staff-sign-in';
import type { StaffSessions } from './sign-in/staff-sessions';
import type { WatchStatsService } from './watch-stats/watch-stats-service';
import { staffStatsRoutes } from './http/routes/staff-stats-routes';
import { staffShareRoutes } from './http/routes/staff-share-routes';
import { sceneRoutes } from './http/routes/scene-routes';
import type { ShareKit } from './share-kit/share-kit';
import type { SceneAliases } from './share-kit/scene-aliases';
import type { FunnelService } from './funnel/funnel-service';
import { funnelBeaconRoutes } from './http/routes/funnel-beacon-routes';
import { staffFunnelRoutes } from './http/routes/staff-funnel-routes';
import { staffLivesRoutes } from './http/routes/staff-lives-routes';
import type { ReservedLives } from './lives/reserved-lives';
import { requestMetrics } from './http/middleware/request-metrics';
import { createHotCards, type HotCards } from './http/fast-path/hot-cards';
import { securityHeaders } from './http/middleware/security-headers';
import { trustProxies } from './network/forwarded-client-ip';
import { sameOriginGuard } from './http/middleware/same-origin';
import { secureCookies } from './http/middleware/secure-cookies';
import type { ReminderService } from './reminders/reminder-service';
import { reminderRoutes } from './http/routes/reminder-routes';
import { staffReminderRoutes } from './http/routes/staff-reminder-routes';
import { urlLinkRoutes } from './http/routes/url-link-routes';
import type { UrlLinkService } from './url-links/url-link-service';

export interface AppDeps {
  logger: Logger;
  cards: LiveCardService;
  lists: LiveListService;
  codes: LivingCodeService;
  signIn: ViewerSignIn;
  officialAccount: OfficialAccount;
  publicOrigin: string;
  /** Proxies in front (`TRUST_PROXY`): who the client is, for `ctx.ip` and `ctx.protocol`. 0 when not given. */
  trustProxy?: number;
  clientLimits: ClientLimits;
  /** Whether this instance should take traffic (`/readyz`). */
  readiness: Readiness;
  /** Counted per route on `/metrics` when given. */
  metrics?: Metrics;
  /** Card changes for the event socket (`attachEventSocket`, on the server made from this app). */
  cardBus: CardBus;
  /** WeCom's event callback; undefined = push off. */
  callbacks: CallbackService | undefined;
  staffSignIn: StaffSignIn;
  /** Server-side staff sessions: logout and a manager's sign out everywhere. */
  staffSessions: StaffSessions;
  watchStats: WatchStatsService;
  /** Our own funnel (views, taps, opens per campaign tag). */
  funnel: FunnelService;
  /** Links, QR codes, mini program codes and posters for marketing. */
  shareKit: ShareKit;
  /** WeChat URL Links to our mini program's live page (phone browsers, SMS, email). */
  urlLinks: UrlLinkService;
  /** What the scenes of our mini program codes stand for. */
  sceneAliases: SceneAliases;
  /** Managers' reserved lives (WeCom's living/create, modify, cancel, delete_replay_data). */
  reservedLives: ReservedLives;
  /** 开播提醒: viewers' subscriptions and staff's counts. */
  reminders: ReminderService;
  /** The service account has a reminder template: H5's JS-SDK config asks for `wx-open-subscribe` too. */
  remindersInH5?: boolean;
  /** The clock of time windows kept in routes (log throttles); `Date.now` by default. */
  now?: () => number;
  /** Serve this H5 build folder as a single-page app. */
  h5Dir?: string;
  /** The audience's wall clock, for times drawn into the H5 pages' first screen (`VIEWER_TIME_ZONE`). */
  viewerTimeZone?: string;
  /** Serve this staff console build folder (dist/staff) at /staff, as a single-page app. */
  staffDir?: string;
}

/** Every endpoint of the BFF, in one list: the router serves it and /openapi.json describes it. */
export function apiRoutes(deps: AppDeps, hotCards?: HotCards): RouteSpec[] {
  return [
    ...healthRoutes(deps),
    ...liveRoutes({ ...deps, hotCards }),
    ...urlLinkRoutes(deps),
    ...sessionRoutes(deps),
    ...h5SessionRoutes(deps),
    ...jssdkRoutes({ ...deps, subscribeTag: deps.remindersInH5 ?? false }),
    ...livingCodeRoutes(deps),
    ...shortLinkRoutes(),
    ...callbackRoutes(deps),
    ...staffSessionRoutes(deps),
    ...staffStatsRoutes(deps),
    ...staffShareRoutes(deps),
    ...sceneRoutes(deps),
    ...funnelBeaconRoutes(deps),
    ...staffFunnelRoutes(deps),
    ...staffLivesRoutes(deps),
    ...reminderRoutes(deps),
    ...staffReminderRoutes(deps),
  ];
}

/** The Koa application, built from its collaborators; tests drive `app.callback()` without a port. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  trustProxies(app, deps.trustProxy ?? 0);
  // Errors are turned into responses by errorHandler; Koa's default handler would print them to stderr.
  app.silent = true;
  const headers = securityHeaders({ publicOrigin: deps.publicOrigin, h5Dir: deps.h5Dir });
  // Fresh cards skip Koa (see hot-cards.ts), unless every success is to be logged.
  const hotCards = createHotCards({
    metrics: deps.metrics,
    disabled: deps.logger.isLevelEnabled('debug'),
    securityHeaders: headers.apiHeaders,
  });
  // A card changed here is never served old from the fast path; one changed elsewhere and pushed, neither.
  deps.cards.onChange((livingId) => hotCards.forget(livingId));
  deps.cardBus.subscribe((card) => hotCards.forget(card.livingId));
  const routes = apiRoutes(deps, hotCards);
  const openapi = buildOpenApi(routes, { title: 'WeCom live viewer BFF', version: '1' });

  const router = new Router();
  mountRoutes(router, routes, {
    viewer: viewerGuard(deps.signIn),
    ...staffGuards({ signIn: deps.staffSignIn }),
    sameOrigin: sameOriginGuard(deps.publicOrigin),
    audit: (entry) => deps.logger.info({ event: 'staff_action', ...entry }, 'staff action'),
    limits: deps.clientLimits,
  });
  router.get('/openapi.json', (ctx) => {
    ctx.body = openapi;
  });

  if (deps.metrics) app.use(requestMetrics(deps.metrics));
  app.use(headers.middleware);
  app.use(requestLog(deps.logger));
  app.use(errorHandler(deps.logger));
  app.use(secureCookies(deps.publicOrigin));
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  // Before the viewer app: its fallback would answer /staff/… with the viewer's own page.
  if (deps.staffDir) app.use(staticStaff(deps.staffDir));
  if (deps.h5Dir) {
    app.use(staticH5(deps.h5Dir));
    app.use(
      h5Pages({
        ...deps,
        h5Dir: deps.h5Dir,
        timeZone: deps.viewerTimeZone ?? DEFAULT_VIEWER_TIME_ZONE,
      }),
    );
  }
  // Every server made from this app (app.listen, supertest) asks the hot cards first.
  const koaCallback = app.callback.bind(app);
  app.callback = () => {
    const handle = koaCallback();
    return (req, res) =>
      hotCards.handle(req as IncomingMessage, res as ServerResponse) ? Promise.resolve() : handle(req, res);
  };
  return app;
}
