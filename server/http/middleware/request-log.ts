import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives each request an id (a sane incoming `X-Request-Id` is kept, so a trace can cross services), echoes it,
 * and logs one line when the answer is sent. Only the path is logged: query strings may carry OAuth codes.
 *
 * The id is not threaded into WeCom call lines through AsyncLocalStorage: on Node 20 that turns on promise hooks
 * for every promise in the process and halved throughput in the benchmark. WeCom calls are shared by concurrent
 * requests (single-flight) anyway, so they are logged on their own with api, errcode and latency.
 */
export function requestLog(logger: Logger, { headerName = 'X-Request-Id' } = {}): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get(headerName);
    const requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set(headerName, requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const line = {
        event: 'request',
        reqId: requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(ctx.state.errorCode ? { code: ctx.state.errorCode } : {}),
      };
      if (ctx.status >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    }
  };
}
