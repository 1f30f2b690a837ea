import { z } from 'zod';
import { AppError, isAppError } from '../../errors/app-error';
import type { CallbackService } from '../../callback/callback-service';
import type { Logger } from 'pino';
import { ErrorBodySchema } from '../schemas/api-schemas';
import { readTextBody } from '../middleware/raw-body';
import { defineRoute } from '../route-spec';
import { createLogThrottle } from '../../logging/log-throttle';
import type { Context } from 'koa';

export const CALLBACK_PATH = '/api/wecom/callback';
/** Refusals logged per minute at most: anyone can send them, WeCom almost never does. */
export const CALLBACK_REFUSALS_LOGGED_PER_MINUTE = 20;
/** WeCom's envelopes are a few hundred bytes; anything near this is not one. */
const MAX_BODY_BYTES = 64 * 1024;

// Optional here so that, with push off, every request is a 404; the service refuses what is missing.
const signed = {
  msg_signature: z.string().max(64).optional(),
  timestamp: z.string().max(20).optional(),
  nonce: z.string().max(64).optional(),
};
const signedQuery = (q: { msg_signature?: string; timestamp?: string; nonce?: string }) => ({
  signature: q.msg_signature ?? '',
  timestamp: q.timestamp ?? '',
  nonce: q.nonce ?? '',
});

/**
 * WeCom's "receive messages" URL. Every refusal is a 400 with no effect and a log line (never the payload), at most
 * `CALLBACK_REFUSALS_LOGGED_PER_MINUTE` a minute and then one line of how many were not logged (the request log
 * line is left out for them too): anyone can post here, and a flood must not flood the log. Every event WeCom sent,
 * even a repeated or an older one, is answered `success`, or WeCom would retry it. Without the callback Token and key
 * configured (push off), the route answers 404.
 */
export function callbackRoutes({
  callbacks,
  logger,
  now = Date.now,
}: {
  callbacks: CallbackService | undefined;
  logger: Logger;
  now?: () => number;
}) {
  const service = () => {
    if (!callbacks) throw new AppError('NOT_FOUND', 'Push is off: no WeCom callback configured');
    return callbacks;
  };
  const throttle = createLogThrottle({
    perWindow: CALLBACK_REFUSALS_LOGGED_PER_MINUTE,
    now,
    onDropped: (dropped, windowMs) =>
      logger.warn(
        { event: 'callback_refusals_not_logged', dropped, windowMs },
        `${dropped} more callback refusals in the last minute, not logged one by one`,
      ),
  });
  const logRefusal = (ctx: Context, err: unknown) => {
    if (isAppError(err) && callbacks) {
      ctx.state.quietRefusal = true;
      if (throttle.allow())
        logger.warn({ event: 'callback_refused', code: err.code, reason: err.message }, 'callback refused');
    }
    return err;
  };
  return [
    defineRoute({
      method: 'get',
      path: CALLBACK_PATH,
      summary: "WeCom's URL check: answers the decrypted echostr",
      auth: 'public',
      query: z.object({ ...signed, echostr: z.string().max(1024).optional() }),
      responses: {
        200: { description: 'The decrypted echostr, as text/plain' },
        400: { description: 'Bad signature, timestamp, receiver or ciphertext', schema: ErrorBodySchema },
        404: { description: 'Push is off', schema: ErrorBodySchema },
      },
      handler(ctx, { query }) {
        try {
          const echo = service().verifyUrl({ ...signedQuery(query), echostr: query.echostr ?? '' });
          ctx.type = 'text/plain; charset=utf-8';
          ctx.body = echo;
        } catch (err) {
          throw logRefusal(ctx, err);
        }
      },
    }),
    defineRoute({
      method: 'post',
      path: CALLBACK_PATH,
      summary: 'One WeCom event (living_status_change): verified, applied once, answered at once',
      auth: 'public',
      serverToServer: true,
      query: z.object(signed),
      responses: {
        200: { description: '`success`, for every event WeCom sent (repeated and older ones too)' },
        400: { description: 'Refused: no effect', schema: ErrorBodySchema },
        404: { description: 'Push is off', schema: ErrorBodySchema },
        413: { description: 'Body over 64 KB', schema: ErrorBodySchema },
        415: { description: 'Not XML', schema: ErrorBodySchema },
      },
      async handler(ctx, { query }) {
        try {
          const callbacks = service();
          const body = await readTextBody(ctx, { limit: MAX_BODY_BYTES, types: ['text/xml', 'application/xml'] });
          await callbacks.receive(signedQuery(query), body);
          ctx.type = 'text/plain; charset=utf-8';
          ctx.body = 'success';
        } catch (err) {
          throw logRefusal(ctx, err);
        }
      },
    }),
  ];
}
