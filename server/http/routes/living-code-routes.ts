import type { LivingCodeService } from '../../lives/living-code-service';
import type { SessionTokens } from '../../session/session-token';
import { ErrorBodySchema, LiveParamsSchema, LivingCodeBodySchema, LivingCodeResponseSchema } from '../api-schemas';
import { requireSession } from '../middleware/authenticate';
import { defineRoute } from '../route-spec';

export function livingCodeRoutes({ codes, sessions }: { codes: LivingCodeService; sessions: SessionTokens }) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/lives/:livingId/code',
      summary: "The signed-in viewer's living code and how to open WeCom's live mini program with it",
      params: LiveParamsSchema,
      body: LivingCodeBodySchema,
      auth: true,
      responses: {
        200: { description: 'Code and launch target', schema: LivingCodeResponseSchema },
        400: { description: 'Malformed id or body', schema: ErrorBodySchema },
        401: { description: 'No valid session', schema: ErrorBodySchema },
        404: { description: 'No such live', schema: ErrorBodySchema },
        409: { description: 'The live cannot be watched now; error.reason says why', schema: ErrorBodySchema },
        415: { description: 'Body is not JSON', schema: ErrorBodySchema },
        503: {
          description: 'WeCom unavailable or rate-limiting',
          schema: ErrorBodySchema,
          headers: { 'Retry-After': 'Seconds to wait' },
        },
      },
      async handler(ctx, { params, body }) {
        const session = await requireSession(ctx, sessions);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await codes.issue(session, params.livingId, body.replay ?? false);
      },
    }),
  ];
}
