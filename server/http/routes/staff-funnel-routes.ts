import { z } from 'zod';
import type { StaffFunnel } from '../../../shared/staff-api';
import type { FunnelService } from '../../funnel/funnel-service';
import type { LiveCardService } from '../../lives/live-card-service';
import { ErrorBodySchema, LiveParamsSchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import type { SameShape } from '../same-shape';
import { upstreamUnavailable } from '../upstream-unavailable';

const count = z.number().int().nonnegative();
const FunnelCountsShape = {
  views: count.describe('Unique viewers of the live page (HyperLogLog when shared: about ±0.81%)'),
  taps: count.describe('Taps that got a living code (once per viewer and code)'),
  opens: count.describe("Opens of WeCom's live mini program after a tap, as the client reported them"),
};
export const StaffFunnelSchema = z
  .object({
    total: z.object(FunnelCountsShape).strict(),
    byTag: z.array(
      z
        .object({ from: z.string().describe("The campaign tag (?from=…); '' for untagged"), ...FunnelCountsShape })
        .strict(),
    ),
  })
  .strict();
export const staffFunnelMatchesType: SameShape<z.output<typeof StaffFunnelSchema>, StaffFunnel> = true;

/** Our own funnel of a live for marketing staff, beside WeCom's watcher count (`staff-stats-routes.ts`). */
export function staffFunnelRoutes({ funnel, cards }: { funnel: FunnelService; cards: Pick<LiveCardService, 'get'> }) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/staff/lives/:livingId/funnel',
      summary: 'Our funnel of a live, in total and per campaign tag: page views (unique viewers), taps, opens',
      auth: 'staff',
      params: LiveParamsSchema,
      responses: {
        200: { description: 'The funnel', schema: StaffFunnelSchema },
        401: { description: 'No staff session', schema: ErrorBodySchema },
        403: { description: 'Not on the staff list', schema: ErrorBodySchema },
        404: { description: 'No such live', schema: ErrorBodySchema },
        503: {
          ...upstreamUnavailable('WeCom'),
          description: 'WeCom is rate-limiting or down (the card), or the shared store is (the counters)',
        },
      },
      async handler(ctx, { params }) {
        await cards.get(params.livingId);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await funnel.read(params.livingId);
      },
    }),
  ];
}
