import { STATUS_CODES } from 'node:http';
import type { Context, Middleware } from 'koa';
import type { CallLog } from './call-log';
import type { Endpoint, SandboxState } from './endpoint';
import type { FaultInjector } from './fault-injector';
import { platformError } from './platform-errors';
import { BodyTooLargeError, bodyForLog, readBody } from './read-body';
import { apiForPath, platformOf, type Platform, type SandboxApi } from './sandbox-api';
import { getLivingCode } from './wecom-living-code';
import { getLivingInfo } from './wecom-living-info';
import { gettoken } from './wecom-gettoken';
import { getUserAllLivingIds } from './wecom-user-livings';
import { jscode2session } from './wechat-jscode2session';

const ENDPOINTS: Record<SandboxApi, Endpoint> = {
  gettoken,
  'living/get_living_info': getLivingInfo,
  'living/get_living_code': getLivingCode,
  'living/get_user_all_livingid': getUserAllLivingIds,
  'sns/jscode2session': jscode2session,
};

/**
 * The exact Content-Type each platform sends. WeChat's `text/plain` is a real quirk: a client that only parses
 * bodies declared as JSON breaks on jscode2session.
 */
const CONTENT_TYPE: Record<Platform, string> = {
  wecom: 'application/json; charset=UTF-8',
  wechat: 'text/plain',
};

export interface ApiMiddlewareOptions {
  state: SandboxState;
  faults: FaultInjector;
  calls: CallLog;
  /** Waits `ms`; resolves false when the sandbox closed meanwhile, and the call is then abandoned. */
  wait: (ms: number) => Promise<boolean>;
}

/**
 * Serves the emulated APIs: records the call, applies faults (down → latency → the next one-shot fault), runs
 * the endpoint and answers with HTTP 200 JSON as the platforms do, even for errors.
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
    const ip = ctx.ip.replace(/^::ffff:/, '');
    let answer: Record<string, unknown>;
    switch (fault.kind) {
      case 'drop':
        return dropSocket(ctx);
      case 'httpStatus':
        ctx.status = fault.status;
        ctx.set('Content-Type', 'text/html');
        ctx.body = gatewayPage(fault.status);
        return;
      case 'failNext':
        answer = platformError(platformOf(api), fault.errcode, state.now(), ip);
        break;
      case 'none':
        answer = ENDPOINTS[api]({ method: ctx.method, query: call.query, rawBody, ip }, state);
        break;
    }
    call.errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;
    ctx.status = 200;
    ctx.set('Content-Type', CONTENT_TYPE[platformOf(api)]);
    ctx.body = JSON.stringify(answer);
  };
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
