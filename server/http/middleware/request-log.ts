import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { requestContext } from '../../logging/request-context';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives each request an id (a sane incoming `X-Request-Id` is kept, so a trace can cross services), runs the
 * rest of the stack inside that context, and logs one line when the answer is sent. Only the path is logged:
 * query strings may carry OAuth codes.
 */
export function requestLog(logger: Logger, { headerName = 'X-Request-Id' } = {}): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get(headerName);
    const requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    ctx.set(headerName, requestId);
    const started = performance.now();
    await requestContext.run({ requestId }, async () => {
      try {
        await next();
      } finally {
        const line = {
          event: 'request',
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          ...(ctx.state.errorCode ? { code: ctx.state.errorCode } : {}),
        };
        if (ctx.status >= 500) logger.error(line, 'request failed');
        else logger.info(line, 'request');
      }
    });
  };
}
