import { z } from 'zod';
import type { FunnelService } from '../../funnel/funnel-service';
import type { LivingCodeService } from '../../lives/living-code-service';
import {
  ErrorBodySchema,
  LiveParamsSchema,
  LivingCodeBodySchema,
  LivingCodeDeferredSchema,
  LivingCodeResponseSchema,
} from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import { upstreamUnavailable } from '../upstream-unavailable';

export function livingCodeRoutes({ codes, funnel }: { codes: LivingCodeService; funnel: FunnelService }) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/lives/:livingId/code',
      summary: "The signed-in viewer's living code and how to open WeCom's live mini program with it",
      auth: 'viewer',
      limit: 'code',
      params: LiveParamsSchema,
      body: LivingCodeBodySchema,
      responses: {
        200: {
          description:
            'Code and launch target; to a first or refresh request, possibly no code yet and when to ask again',
          schema: z.union([LivingCodeResponseSchema, LivingCodeDeferredSchema]),
        },
        400: { description: 'Malformed id or body', schema: ErrorBodySchema },
        401: { description: 'No valid session', schema: ErrorBodySchema },
        404: { description: 'No such live', schema: ErrorBodySchema },
        409: { description: 'The live cannot be watched now; error.reason says why', schema: ErrorBodySchema },
        415: { description: 'Body is not JSON', schema: ErrorBodySchema },
        429: {
          description: 'Too many code requests, or lookups of unknown lives, from this client',
          schema: ErrorBodySchema,
        },
        503: upstreamUnavailable('WeCom'),
      },
      async handler(ctx, { params, body, viewer }) {
        ctx.set('Cache-Control', 'no-store');
        const replay = body.replay ?? false;
        const caller = { ip: ctx.ip };
        const answer =
          (body.purpose ?? 'tap') === 'tap'
            ? await codes.issue(viewer, params.livingId, replay, caller)
            : await codes.prepare(viewer, params.livingId, replay, caller);
        // A tap of our funnel: a code actually handed out, counted once per code (a refusal, a wait in line or a
        // deferral counts nothing; the same code handed out again neither).
        if ('livingCode' in answer) funnel.recordTap(params.livingId, viewer, answer.livingCode, body.from);
        ctx.body = answer;
      },
    }),
  ];
}
