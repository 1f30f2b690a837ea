import { z } from 'zod';
import { LIVE_TYPES } from '../../../shared/live-card';
import { LIVE_DURATION_MAX_SECONDS } from '../../../shared/live-duration';
import { LIVE_TEXT_LIMITS, liveTextOverflow, type LiveTextField } from '../../../shared/live-text-limits';
import type {
  ConfirmRequest,
  CreateLiveRequest,
  CreateLiveResponse,
  ModifyLiveRequest,
  StaffLivesResponse,
} from '../../../shared/staff-api';
import { WECOM_USERID_PATTERN } from '../../../shared/wecom-userid';
import type { LiveListService } from '../../lives/live-list-service';
import type { ReservedLives } from '../../lives/reserved-lives';
import { ErrorBodySchema, LiveCardSchema, LiveParamsSchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import type { SameShape } from '../same-shape';
import { upstreamUnavailable } from '../upstream-unavailable';

/** "20 characters and 60 bytes of UTF-8": every limit of `field`, as the 400 and the OpenAPI say it. */
const limitsOf = (field: LiveTextField) =>
  `${LIVE_TEXT_LIMITS[field].map(({ unit, max }) => `${max} ${unit}`).join(' and ')} of UTF-8`;
const fits = (field: LiveTextField) => (text: string) => liveTextOverflow(field, text) === undefined;

/**
 * WeCom's limits, held before any call as the console's form holds them (`shared/live-text-limits.ts`):
 * `living/create` counts characters, `living/modify` bytes, and text must pass both.
 */
const ThemeSchema = z
  .string()
  .refine((s) => s.trim().length > 0, 'must not be empty')
  .refine(fits('theme'), `at most ${limitsOf('theme')}`)
  .describe(`Not empty; at most ${limitsOf('theme')}`);
const DescriptionSchema = z
  .string()
  .refine(fits('description'), `at most ${limitsOf('description')}`)
  .describe(`At most ${limitsOf('description')}`);

export const CreateLiveBodySchema = z
  .object({
    anchorUserId: z
      .string()
      .regex(WECOM_USERID_PATTERN)
      .describe("The member who hosts it: a WeCom userid in the app's visible range"),
    theme: ThemeSchema,
    startsAt: z.iso.datetime({ offset: true }).describe('ISO 8601, in the future'),
    durationSeconds: z
      .number()
      .int()
      .positive()
      .max(LIVE_DURATION_MAX_SECONDS)
      .describe('Seconds on air: a day at most'),
    type: z.enum(LIVE_TYPES),
    description: DescriptionSchema.optional(),
    remindSecondsBefore: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('Remind subscribers this many seconds before the start'),
  })
  .strict();

export const ModifyLiveBodySchema = CreateLiveBodySchema.omit({ anchorUserId: true }).partial().strict();

/** A missing `confirm` reads as `''`, so it is refused as unconfirmed (400 CONFIRMATION_REQUIRED), not malformed. */
export const ConfirmBodySchema = z.object({
  confirm: z.string().default('').describe("The live's id, typed or clicked through in the console"),
});

export const StaffLivesResponseSchema = z
  .object({
    lives: z.array(
      LiveCardSchema.extend({
        createdByApp: z.boolean().describe('Created by this app: the only lives it may modify or cancel'),
      }).strict(),
    ),
  })
  .strict();

export const CreateLiveResponseSchema = z.object({ livingId: z.string() }).strict();

export const createLiveMatchesType: SameShape<z.output<typeof CreateLiveBodySchema>, CreateLiveRequest> = true;
export const modifyLiveMatchesType: SameShape<z.output<typeof ModifyLiveBodySchema>, ModifyLiveRequest> = true;
export const confirmMatchesType: SameShape<z.output<typeof ConfirmBodySchema>, ConfirmRequest> = true;
export const staffLivesMatchType: SameShape<z.output<typeof StaffLivesResponseSchema>, StaffLivesResponse> = true;
export const createdLiveMatchesType: SameShape<z.output<typeof CreateLiveResponseSchema>, CreateLiveResponse> = true;

/** The staff console's list of lives, and the managers' reserved lives (WeCom's living/create, modify, cancel). */
export function staffLivesRoutes({ lists, reservedLives }: { lists: LiveListService; reservedLives: ReservedLives }) {
  const error = (description: string) => ({ description, schema: ErrorBodySchema });
  const refused = {
    401: error('No staff session'),
    403: error(
      'Not a manager, not from our own pages (FORBIDDEN), or a live this app did not create (LIVE_NOT_THIS_APP)',
    ),
    503: upstreamUnavailable('WeCom'),
  };
  const changed = { 204: { description: 'Done; the live’s card is refreshed for every open screen' } };
  return [
    defineRoute({
      method: 'get',
      path: '/api/staff/lives',
      summary: 'Every live of the home list, newest first, each saying whether this app created it',
      auth: 'staff',
      responses: {
        200: { description: 'The lives', schema: StaffLivesResponseSchema },
        401: refused[401],
        403: error('Not on the staff list'),
        503: refused[503],
      },
      async handler(ctx) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { lives: await lists.listForStaff() };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/staff/lives',
      summary: 'Reserve a live (WeCom living/create); it is on the home list at once',
      auth: 'manager',
      body: CreateLiveBodySchema,
      responses: {
        201: { description: 'Created', schema: CreateLiveResponseSchema },
        400: error('A field WeCom would refuse (theme, start, type, anchor, …)'),
        ...refused,
      },
      async handler(ctx, { body }) {
        ctx.status = 201;
        ctx.body = await reservedLives.create(body);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/staff/lives/:livingId',
      summary: 'Change a reserved live (WeCom living/modify): any of its fields but the anchor',
      auth: 'manager',
      params: LiveParamsSchema,
      body: ModifyLiveBodySchema,
      responses: {
        ...changed,
        400: error('A field WeCom would refuse, or nothing to change'),
        404: error('No such live'),
        409: error('LIVE_ALREADY_STARTED: the live has started, ended or been cancelled'),
        ...refused,
      },
      async handler(ctx, { params, body }) {
        await reservedLives.modify(params.livingId, body);
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/staff/lives/:livingId/cancel',
      summary: 'Cancel a reserved live (WeCom living/cancel); the body confirms with the live’s id',
      auth: 'manager',
      params: LiveParamsSchema,
      body: ConfirmBodySchema,
      responses: {
        ...changed,
        400: error('CONFIRMATION_REQUIRED: `confirm` is not this live’s id'),
        404: error('No such live'),
        409: error('LIVE_ALREADY_STARTED: the live has started, ended or been cancelled'),
        ...refused,
      },
      async handler(ctx, { params, body }) {
        await reservedLives.cancel(params.livingId, body.confirm);
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/staff/lives/:livingId/replay',
      summary: 'Delete a live’s replay (WeCom living/delete_replay_data); the body confirms with the live’s id',
      auth: 'manager',
      params: LiveParamsSchema,
      body: ConfirmBodySchema,
      responses: {
        ...changed,
        400: error('CONFIRMATION_REQUIRED: `confirm` is not this live’s id'),
        404: error('No such live, or no replay to delete'),
        ...refused,
      },
      async handler(ctx, { params, body }) {
        await reservedLives.deleteReplay(params.livingId, body.confirm);
        ctx.status = 204;
      },
    }),
  ];
}
