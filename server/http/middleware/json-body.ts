import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { AppError } from '../../errors/app-error';

export interface JsonBodyOptions {
  /** Largest accepted body; every body this API takes is tiny. */
  limit?: string;
}

/**
 * Parses a JSON body. A body of another type is 415, malformed JSON 400 and an oversized one 413, before any
 * handler runs. An absent or empty body is 415 like any other body that is not JSON: a client with nothing to say
 * sends `{}`. That is what makes a cross-site request impossible without a CORS preflight (which this BFF never
 * grants): a page on another site can send only an empty, form or text/plain body without asking first.
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
    if (!hasBody || !ctx.is('application/json')) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send a JSON body (application/json; {} when there is nothing to say)',
      );
    }
    await parse(ctx, next);
  };
}
