import { z } from 'zod';
import {
  CODE_DEFERRALS,
  CODE_PURPOSES,
  type JssdkConfigResponse,
  type LivesResponse,
  type LivingCodeDeferred,
  type LivingCodeRequest,
  type LivingCodeResponse,
  type ReminderRequest,
  type ReminderState,
  type SessionResponse,
  type UrlLinkResponse,
  type WeappLoginRequest,
} from '../../../shared/api';
import { CAMPAIGN_TAG_PATTERN } from '../../../shared/campaign-tag';
import { ERROR_CODES, type ApiErrorBody } from '../../../shared/error-codes';
import { LIVE_STATUSES, LIVE_TYPES, REPLAY_STATES, type LiveCard } from '../../../shared/live-card';
import { LIVING_ID_PATTERN } from '../../../shared/living-id';
import { NOT_WATCHABLE_REASONS } from '../../../shared/watch-access';
import type { SameShape } from '../same-shape';

/**
 * The API's shapes, as zod schemas: requests are validated with them and `/openapi.json` is generated from them,
 * so the document cannot drift from what the server accepts and sends. Each is checked by the compiler against
 * the shared type the client reads (the `…MatchesSharedType` constants below).
 */

export const LivingIdSchema = z
  .string()
  .regex(LIVING_ID_PATTERN)
  .describe('A WeCom living id: 1–128 of A–Z a–z 0–9 _ -');

export const LiveParamsSchema = z.object({ livingId: LivingIdSchema });

export const LiveCardSchema = z
  .object({
    livingId: z.string(),
    theme: z.string(),
    description: z.string(),
    status: z.enum(LIVE_STATUSES),
    type: z.enum(LIVE_TYPES),
    anchorUserId: z.string(),
    startsAt: z.iso.datetime(),
    durationSeconds: z.number().int().nonnegative(),
    viewerCount: z.number().int().nonnegative(),
    onlineCount: z.number().int().nonnegative(),
    commentCount: z.number().int().nonnegative(),
    subscribeCount: z.number().int().nonnegative(),
    replay: z.enum(REPLAY_STATES),
    stale: z.boolean().describe('True when WeCom is failing and this is the last good copy'),
  })
  .strict();

export const LivesResponseSchema = z.object({ lives: z.array(LiveCardSchema) }).strict();

export const WeappLoginBodySchema = z.object({
  code: z.string().min(1).max(256).describe('The code from wx.login / Taro.login'),
});

export const SessionResponseSchema = z.object({ token: z.string(), expiresAt: z.iso.datetime() }).strict();

/** A campaign tag on our links and codes (`?from=…`); a malformed one is a 400. */
export const CampaignTagSchema = z
  .string()
  .regex(CAMPAIGN_TAG_PATTERN, 'not a campaign tag (1–32 of A–Z a–z 0–9 _ -)')
  .optional()
  .describe('Campaign tag (?from=…) the links and codes carry, counted in our funnel');

/** `GET /api/lives/:livingId/url-link`: `replay` 1/true for the replay; a malformed `from` is dropped (untagged). */
export const UrlLinkQuerySchema = z.object({
  replay: z.enum(['1', 'true', '0', 'false']).optional().describe('1 or true for the replay'),
  from: z
    .string()
    .optional()
    .catch(undefined)
    .describe('Campaign tag the link carries (?from=…); one that is not a campaign tag is dropped'),
});

export const UrlLinkResponseSchema = z
  .object({
    urlLink: z
      .url()
      .nullable()
      .describe("WeChat's URL Link to our mini program's live page; null when none can be offered now"),
    expiresAt: z.iso.datetime().optional().describe('When the link stops working; present with a link'),
  })
  .strict();

/** Unknown keys (an `openid`, say) are dropped: the viewer is whoever the session says. */
export const LivingCodeBodySchema = z.object({
  replay: z.boolean().optional().describe('Open the replay; implied for an ended live with a ready replay'),
  // Never in the way of a code: a malformed tag is dropped (and the tap counted untagged).
  from: z.string().optional().catch(undefined).describe('Campaign tag of the page (?from=…), for our funnel'),
  purpose: z
    .enum(CODE_PURPOSES)
    .optional()
    .describe(
      'Why the code is asked: tap (the default: served first, may wait in line), first or refresh (made ahead of a ' +
        'tap: only from headroom, and for a reserved live only in the last minutes before its start; may be deferred)',
    ),
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
    refreshInSeconds: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Answered to first and refresh: when to ask again in the background'),
  })
  .strict();

export const LivingCodeDeferredSchema = z
  .object({
    deferred: z
      .enum(CODE_DEFERRALS)
      .describe('before_start: the reserved live is not yet being prepared; budget: no headroom'),
    retryInSeconds: z.number().int().positive().describe('Ask again (same purpose) after this'),
  })
  .strict();

export const JssdkConfigSchema = z
  .object({
    appId: z.string(),
    timestamp: z.number().int(),
    nonceStr: z.string(),
    signature: z.string(),
    jsApiList: z.array(z.string()),
    openTagList: z.array(z.string()),
  })
  .strict();

export const ReminderStateSchema = z
  .object({
    templateId: z
      .string()
      .nullable()
      .describe(
        'The template to ask for (mini program: wx.requestSubscribeMessage; H5: wx-open-subscribe); null: no reminder offered',
      ),
    subscribed: z.boolean().describe("A reminder for this viewer and this live's start is recorded and not sent yet"),
  })
  .strict();

/** Unknown keys (an `openid`, say) are dropped: the subscriber is whoever the session says. */
export const ReminderBodySchema = z.object({
  templateId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a template id')
    .describe("The template the viewer accepted in WeChat's prompt: this platform's reminder template"),
});

export const ErrorBodySchema = z
  .object({
    error: z
      .object({
        code: z.enum(ERROR_CODES),
        message: z.string(),
        reason: z.enum(NOT_WATCHABLE_REASONS).optional().describe('Why a live is not watchable (409)'),
      })
      .strict(),
    queue: z
      .object({
        position: z.number().int().positive().describe('1 = next'),
        etaSeconds: z.number().int().nonnegative(),
      })
      .strict()
      .optional()
      .describe('Where a waiting viewer stands (503 UPSTREAM_BUSY): come back after Retry-After'),
  })
  .strict();

type Sent<S extends z.ZodType> = z.output<S>;
type Accepted<S extends z.ZodType> = z.output<S>;

export const liveCardMatchesSharedType: SameShape<Sent<typeof LiveCardSchema>, LiveCard> = true;
export const livesMatchSharedType: SameShape<Sent<typeof LivesResponseSchema>, LivesResponse> = true;
export const sessionMatchesSharedType: SameShape<Sent<typeof SessionResponseSchema>, SessionResponse> = true;
export const livingCodeMatchesSharedType: SameShape<Sent<typeof LivingCodeResponseSchema>, LivingCodeResponse> = true;
export const livingCodeDeferredMatchesSharedType: SameShape<
  Sent<typeof LivingCodeDeferredSchema>,
  LivingCodeDeferred
> = true;
export const jssdkConfigMatchesSharedType: SameShape<Sent<typeof JssdkConfigSchema>, JssdkConfigResponse> = true;
export const errorBodyMatchesSharedType: SameShape<Sent<typeof ErrorBodySchema>, ApiErrorBody> = true;
export const weappLoginMatchesSharedType: SameShape<Accepted<typeof WeappLoginBodySchema>, WeappLoginRequest> = true;
export const livingCodeBodyMatchesSharedType: SameShape<
  Accepted<typeof LivingCodeBodySchema>,
  LivingCodeRequest
> = true;
export const reminderStateMatchesSharedType: SameShape<Sent<typeof ReminderStateSchema>, ReminderState> = true;
export const urlLinkMatchesSharedType: SameShape<Sent<typeof UrlLinkResponseSchema>, UrlLinkResponse> = true;
export const reminderBodyMatchesSharedType: SameShape<Accepted<typeof ReminderBodySchema>, ReminderRequest> = true;
