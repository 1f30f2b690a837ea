import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/** An incoming `X-Request-Id` worth keeping; anything else is replaced by a fresh one. */
export const INCOMING_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives each request an id (a sane incoming `X-Request-Id` is kept, so a trace can cross services), echoes it,
 * and logs one line when the answer is sent: failures at `error` (5xx) or `info` (4xx), successes at `debug`.
 * A viral live means thousands of card polls a second; a line for each cost 14 µs of a ~100 µs request in the
 * benchmark and says nothing an operator needs (`LOG_LEVEL=debug` brings them back). Only the path is logged:
 * query strings may carry OAuth codes.
 *
 * The id is not threaded into WeCom call lines through AsyncLocalStorage: on Node 20 that turns on promise hooks
 * for every promise in the process and halved throughput in the benchmark. WeCom calls are shared by concurrent
 * requests (single-flight) anyway, so they are logged on their own with api, errcode and latency.
 */
export function requestLog(logger: Logger, { headerName = 'X-Request-Id' } = {}): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get(headerName);
    const requestId = INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set(headerName, requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const level = ctx.status >= 500 ? 'error' : ctx.status >= 400 ? 'info' : 'debug';
      // A route that logs its own refusals at a bounded rate (anyone can send them) says so: no line per request.
      const quiet = ctx.state.quietRefusal === true && ctx.status < 500;
      if (!quiet && logger.isLevelEnabled(level)) {
        logger[level](
          {
            event: 'request',
            reqId: requestId,
            method: ctx.method,
            path: ctx.path,
            status: ctx.status,
            ms: Math.round((performance.now() - started) * 10) / 10,
            ...(ctx.state.errorCode ? { code: ctx.state.errorCode } : {}),
          },
          ctx.status >= 400 ? 'request failed' : 'request',
        );
      }
    }
  };
}
