import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { AppError } from '../../errors/app-error';

export interface JsonBodyOptions {
  /** Largest accepted body; every body this API takes is tiny. */
  limit?: string;
}

/**
 * Parses a JSON body. A body of another type is 415, malformed JSON 400 and an oversized one 413, before any
 * handler runs. An absent body reads as `{}`.
 */
export function jsonBody({ limit = '16kb' }: JsonBodyOptions = {}): Middleware {
  const parse = bodyParser({
    enableTypes: ['json'],
    // DELETE too (the parser's default leaves it out): deleting a replay takes a confirmation in its body.
    parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
    jsonLimit: limit,
    jsonStrict: true,
    onError(err) {
      const status = (err as { status?: number }).status;
      if (status === 413) throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${limit}`);
      throw new AppError('INVALID_BODY', 'Body is not valid JSON');
    },
  });
  return async (ctx, next) => {
    const hasBody = Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
    if (hasBody && !ctx.is('application/json')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
    }
    await parse(ctx, next);
  };
}
