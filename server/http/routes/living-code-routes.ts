import type { FunnelService } from '../../funnel/funnel-service';
import type { LivingCodeService } from '../../lives/living-code-service';
import {
  ErrorBodySchema,
  LiveParamsSchema,
  LivingCodeBodySchema,
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
        200: { description: 'Code and launch target', schema: LivingCodeResponseSchema },
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
        const issued = await codes.issue(viewer, params.livingId, body.replay ?? false, { ip: ctx.ip });
        // A tap of our funnel: only a code actually issued counts (a refusal or a wait in line threw above).
        funnel.recordTap(params.livingId, viewer, issued.livingCode, body.from);
        ctx.body = issued;
      },
    }),
  ];
}
