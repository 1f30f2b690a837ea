import { STATUS_CODES } from 'node:http';
import type { Context, Middleware } from 'koa';
import type { CallLog } from './core/call-log';
import type { Endpoint, SandboxState } from './core/endpoint';
import type { FaultInjector } from './core/fault-injector';
import { platformError } from './core/platform-errors';
import { BodyTooLargeError, bodyForLog, readBody } from './core/read-body';
import { apiForPath, platformOf, type SandboxApi } from './core/sandbox-api';
import { getLivingCode } from './wecom/living/get-living-code';
import { getLivingInfo } from './wecom/living/get-living-info';
import { gettoken } from './wecom/gettoken';
import { getUserAllLivingIds } from './wecom/living/get-user-all-livingid';
import { getWatchStat } from './wecom/watch-stat/get-watch-stat';
import { cancelLiving, createLiving, deleteReplayData, modifyLiving } from './wecom/living/manage-lives';
import { getticket } from './wechat/getticket';
import { jscode2session } from './wechat/jscode2session';
import { oauthAccessToken } from './wechat/oauth-access-token';
import { authorizeFaultPage, authorizePage } from './oauth-authorize-page';
import type { PageAnswer } from './core/page-answer';
import { stableToken } from './wechat/stable-token';
import { getwxacodeUnlimit } from './wechat/wxacode';
import { generateUrlLink } from './wechat/url-links/generate-urllink';
import { subscribeMessageBizsend, subscribeMessageSend } from './wechat/subscribe/subscribe-send';
import { getUserInfo } from './wecom/sign-in/getuserinfo';
import { wecomErrorPage } from './wecom/sign-in/sign-in-page';
import { wecomSsoLogin } from './wecom/sign-in/sso-login';

/** The APIs a browser opens: they answer a redirect or an HTML page, not JSON. */
type PageApi = 'connect/oauth2/authorize' | 'wwlogin/sso/login';
/** The APIs that answer an image when they succeed (and JSON when they fail). */
type ImageApi = 'wxa/getwxacodeunlimit';

const ENDPOINTS: Record<Exclude<SandboxApi, PageApi | ImageApi>, Endpoint> = {
  gettoken,
  'living/get_living_info': getLivingInfo,
  'living/get_living_code': getLivingCode,
  'living/get_user_all_livingid': getUserAllLivingIds,
  'living/get_watch_stat': getWatchStat,
  'living/create': createLiving,
  'living/modify': modifyLiving,
  'living/cancel': cancelLiving,
  'living/delete_replay_data': deleteReplayData,
  'auth/getuserinfo': getUserInfo,
  'sns/jscode2session': jscode2session,
  'sns/oauth2/access_token': oauthAccessToken,
  stable_token: stableToken,
  'ticket/getticket': getticket,
  'message/subscribe/send': subscribeMessageSend,
  'message/subscribe/bizsend': subscribeMessageBizsend,
  'wxa/generate_urllink': generateUrlLink,
};

/**
 * The exact Content-Type each API sends. WeChat's `text/plain` on `sns/*` is a real quirk: a client that only
 * parses bodies declared as JSON breaks on jscode2session and oauth2/access_token. Its `cgi-bin/*` APIs send JSON
 * with a non-standard `encoding=utf-8` parameter instead of `charset`.
 */
function contentTypeOf(api: SandboxApi): string {
  if (platformOf(api) === 'wecom') return 'application/json; charset=UTF-8';
  return api.startsWith('sns/') ? 'text/plain' : 'application/json; encoding=utf-8';
}

export interface ApiMiddlewareOptions {
  state: SandboxState;
  faults: FaultInjector;
  calls: CallLog;
  /** Waits `ms`; resolves false when the sandbox closed meanwhile, and the call is then abandoned. */
  wait: (ms: number) => Promise<boolean>;
}

/**
 * Serves the emulated APIs: records the call, applies faults (down → latency → the next one-shot fault), runs
 * the endpoint and answers with HTTP 200 JSON as the platforms do, even for errors. The sign-in pages (authorize,
 * WeCom's web login) answer a redirect or an HTML error page instead; a `failNext` fault there shows the error page
 * with that code.
 */
export function apiMiddleware({ state, faults, calls, wait }: ApiMiddlewareOptions): Middleware {
  return async (ctx) => {
    const api = apiForPath(ctx.path);
    let rawBody: string;
    try {
      rawBody = await readBody(ctx.req);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      ctx.status = 413;
      ctx.body = { error: 'payload_too_large', message: err.message };
      return;
    }
    const call = calls.record({
      api: api ?? 'unknown',
      method: ctx.method,
      path: ctx.path,
      query: firstValues(new URLSearchParams(ctx.querystring)),
      body: bodyForLog(rawBody),
      errcode: null,
      at: state.now(),
    });
    if (faults.isDown()) return dropSocket(ctx);
    if (!api) {
      ctx.status = 404;
      ctx.body = { error: 'not_found', message: `the sandbox serves no ${ctx.method} ${ctx.path}` };
      return;
    }
    const delay = faults.latencyFor(api);
    if (delay > 0 && !(await wait(delay))) return dropSocket(ctx);

    const fault = faults.take(api);
    if (fault.kind === 'drop') return dropSocket(ctx);
    if (fault.kind === 'httpStatus') {
      ctx.status = fault.status;
      ctx.set('Content-Type', 'text/html');
      ctx.body = gatewayPage(fault.status);
      return;
    }
    const ip = ctx.ip.replace(/^::ffff:/, '');
    const req = {
      method: ctx.method,
      query: call.query,
      rawBody,
      ip,
      cookies: parseCookies(ctx.get('Cookie')),
      origin: `${ctx.protocol}://${ctx.host}`,
    };
    if (api === 'connect/oauth2/authorize' || api === 'wwlogin/sso/login') {
      const failed = fault.kind === 'failNext' ? fault.errcode : undefined;
      let page: PageAnswer;
      if (api === 'connect/oauth2/authorize') {
        page = failed === undefined ? authorizePage(req, state) : authorizeFaultPage(req, state, failed);
      } else {
        page = failed === undefined ? wecomSsoLogin(req, state) : wecomErrorPage(failed);
      }
      call.errcode = page.errcode;
      return sendPage(ctx, page);
    }
    if (api === 'wxa/getwxacodeunlimit') {
      const drawn =
        fault.kind === 'failNext'
          ? platformError('wechat', fault.errcode, state.now(), ip)
          : await getwxacodeUnlimit(req, state);
      if ('image' in drawn) {
        call.errcode = 0;
        ctx.status = 200;
        ctx.set('Content-Type', drawn.contentType);
        ctx.body = drawn.image;
        return;
      }
      call.errcode = drawn.errcode;
      ctx.status = 200;
      ctx.set('Content-Type', contentTypeOf(api));
      ctx.body = JSON.stringify(drawn);
      return;
    }
    const answer =
      fault.kind === 'failNext'
        ? platformError(platformOf(api), fault.errcode, state.now(), ip)
        : ENDPOINTS[api](req, state);
    call.errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;
    ctx.status = 200;
    ctx.set('Content-Type', contentTypeOf(api));
    ctx.body = JSON.stringify(answer);
  };
}

function sendPage(ctx: Context, page: PageAnswer): void {
  if (page.kind === 'redirect') return ctx.redirect(page.location);
  ctx.status = 200;
  ctx.set('Content-Type', 'text/html; charset=utf-8');
  ctx.body = page.html;
}

/** `a=1; b=2` → `{a: '1', b: '2'}`; the first value wins, values are percent-decoded when they can be. */
function parseCookies(header: string): Record<string, string> {
  const cookies = Object.create(null) as Record<string, string>;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!name || name in cookies) continue;
    const raw = pair
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

function firstValues(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in query)) query[key] = value;
  return query;
}

/** No answer at all: the client sees the connection closed mid-request. */
function dropSocket(ctx: Context): void {
  ctx.respond = false;
  ctx.req.socket.destroy();
}

/** What the gateway in front of WeCom/WeChat sends when it has no answer: an HTML page, not JSON. */
function gatewayPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n`;
}
