import { z } from 'zod';
import { ERROR_CODES } from '../../shared/error-codes';

/**
 * The API's shapes, as zod schemas: requests are validated with them and `/openapi.json` is generated from them,
 * so the document cannot drift from what the server accepts and sends.
 */

/** WeCom living ids are URL-safe; anything else (slashes, dots, spaces, control characters) is refused. */
export const LivingIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/)
  .describe('A WeCom living id: 1–128 of A–Z a–z 0–9 _ -');

export const LiveParamsSchema = z.object({ livingId: LivingIdSchema });

export const LiveCardSchema = z
  .object({
    livingId: z.string(),
    theme: z.string(),
    description: z.string(),
    status: z.enum(['reserved', 'living', 'ended', 'expired', 'cancelled']),
    type: z.enum(['general', 'small_class', 'large_class', 'training', 'event']),
    anchorUserId: z.string(),
    startsAt: z.iso.datetime(),
    durationSeconds: z.number().int().nonnegative(),
    viewerCount: z.number().int().nonnegative(),
    onlineCount: z.number().int().nonnegative(),
    commentCount: z.number().int().nonnegative(),
    subscribeCount: z.number().int().nonnegative(),
    replay: z.enum(['none', 'ready', 'generating', 'deleted', 'failed']),
    stale: z.boolean().describe('True when WeCom is failing and this is the last good copy'),
  })
  .strict();

export const LivesResponseSchema = z.object({ lives: z.array(LiveCardSchema) }).strict();

export const WeappLoginBodySchema = z.object({
  code: z.string().min(1).max(256).describe('The code from wx.login / Taro.login'),
});

export const SessionResponseSchema = z.object({ token: z.string(), expiresAt: z.iso.datetime() }).strict();

/** Unknown keys (an `openid`, say) are dropped: the viewer is whoever the session says. */
export const LivingCodeBodySchema = z.object({
  replay: z.boolean().optional().describe('Open the replay; implied for an ended live with a ready replay'),
});

export const LivingCodeResponseSchema = z
  .object({
    livingCode: z.string(),
    expiresAt: z.iso.datetime(),
    launch: z
      .object({
        appId: z.string().describe('For wx.navigateToMiniProgram'),
        username: z.string().describe('For the wx-open-launch-weapp open tag'),
        path: z.string(),
      })
      .strict(),
  })
  .strict();

export const ErrorBodySchema = z
  .object({
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), reason: z.string().optional() }).strict(),
  })
  .strict();
