import { z } from 'zod';
import type { WatchAggregates } from '../../watch-stats/watch-aggregates';
import type { WatchStatsService } from '../../watch-stats/watch-stats-service';
import { watchersCsv } from '../../watch-stats/watchers-csv';
import { ErrorBodySchema, LiveParamsSchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import type { SameShape } from '../same-shape';
import { upstreamUnavailable } from '../upstream-unavailable';

const count = z.number().int().nonnegative();
export const WatchStatsSchema = z
  .object({
    viewers: count,
    split: z.object({ member: count, wechat: count, wecomExternal: count }).strict(),
    watchSeconds: z.object({ total: count, median: count, p90: count }).strict(),
    histogram: z.array(z.object({ label: z.string(), viewers: count }).strict()),
    commenters: count,
    micSpeakers: count,
    inviters: z.array(z.object({ inviter: z.string(), viewers: count, watchSeconds: count }).strict()),
    fetchedAt: z.iso.datetime().describe('When WeCom was last asked'),
  })
  .strict();
export const watchStatsMatchType: SameShape<
  z.output<typeof WatchStatsSchema>,
  WatchAggregates & { fetchedAt: string }
> = true;

/** A live's audience for marketing staff: aggregates, and every viewer as CSV. */
export function staffStatsRoutes({ watchStats }: { watchStats: WatchStatsService }) {
  const refused = {
    401: { description: 'No staff session', schema: ErrorBodySchema },
    403: { description: 'Not on the staff list', schema: ErrorBodySchema },
    404: { description: 'No such live (or not one of this app)', schema: ErrorBodySchema },
    503: upstreamUnavailable('WeCom'),
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/staff/lives/:livingId/stats',
      summary:
        "Who watched a live: totals, internal/external split, watch time, commenters, inviters (WeCom's get_watch_stat)",
      auth: 'staff',
      params: LiveParamsSchema,
      responses: { 200: { description: 'The aggregates', schema: WatchStatsSchema }, ...refused },
      async handler(ctx, { params }) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await watchStats.aggregates(params.livingId);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/staff/lives/:livingId/watchers.csv',
      summary: 'Every viewer of a live as CSV (UTF-8 with BOM, for Excel)',
      auth: 'staff',
      params: LiveParamsSchema,
      responses: { 200: { description: 'text/csv, streamed' }, ...refused },
      async handler(ctx, { params }) {
        const { watchers } = await watchStats.watchers(params.livingId);
        ctx.set('Cache-Control', 'no-store');
        ctx.set('Content-Disposition', `attachment; filename="watchers-${params.livingId}.csv"`);
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = watchersCsv(watchers);
      },
    }),
  ];
}
