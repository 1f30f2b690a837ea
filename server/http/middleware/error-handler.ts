import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { ApiErrorBody, ErrorCode, QueuePlace } from '../../../shared/error-codes';
import type { NotWatchableReason } from '../../../shared/watch-access';
import { isAppError } from '../../errors/app-error';
import { isUpstreamError } from '../../errors/upstream-error';

/** Errors thrown by koa and its parsers carry a status; name them with our codes. */
const BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  501: 'METHOD_NOT_ALLOWED',
};

interface HttpishError extends Error {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  headers?: Record<string, string>;
}

/** The HTTP status an error is answered with: the one rule for the error handler and the staff audit line. */
export function statusOf(caught: unknown): number {
  if (isAppError(caught)) return caught.status;
  if (caught instanceof URIError) return 400;
  const err = caught as HttpishError;
  const candidate = err.status ?? err.statusCode ?? 500;
  const status = candidate >= 400 && candidate < 600 ? candidate : 500;
  return status === 501 ? 405 : status;
}

/**
 * Turns every error into the same JSON body `{error:{code,message}}`. Messages of 5xx errors are never shown;
 * unexpected errors are logged with their stack, upstream failures with what went wrong (never with a secret:
 * no URL or answer body is kept on them).
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.state.errorCode = 'NOT_FOUND';
        ctx.body = { error: { code: 'NOT_FOUND', message: 'No such resource' } } satisfies ApiErrorBody;
      }
    } catch (caught) {
      const err = caught as HttpishError;
      const status = statusOf(caught);
      let code: ErrorCode;
      let message: string;
      let reason: NotWatchableReason | undefined;
      let queue: QueuePlace | undefined;
      if (isAppError(err)) {
        code = err.code;
        message = err.expose ? err.message : 'Internal error';
        reason = err.reason;
        queue = err.queue;
        if (err.retryAfter !== undefined) ctx.set('Retry-After', String(err.retryAfter));
        // A viewer waiting in line is the budget working, not a failure: thousands of them must not flood the log.
        if (isUpstreamError(err) && err.code !== 'UPSTREAM_BUSY') {
          logger.warn(
            { event: 'upstream_error', code, api: err.api, errcode: err.errcode, detail: err.detail },
            'upstream error',
          );
        }
      } else if (err instanceof URIError) {
        code = 'BAD_REQUEST';
        message = 'Malformed URL encoding';
      } else {
        code = BY_STATUS[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL_ERROR');
        message = status < 500 && err.expose !== false ? err.message : 'Internal error';
        if (status === 405 && err.headers?.Allow) ctx.set('Allow', err.headers.Allow);
        if (status >= 500) logger.error({ event: 'unhandled_error', err }, 'unhandled error');
      }
      ctx.status = status;
      ctx.state.errorCode = code;
      ctx.body = {
        error: { code, message, ...(reason ? { reason } : {}) },
        ...(queue ? { queue } : {}),
      } satisfies ApiErrorBody;
    }
  };
}
