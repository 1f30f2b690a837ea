import { z } from 'zod';
import { isCampaignTag } from '../../../shared/campaign-tag';
import { LIVE_PAGE, SHORT_LINK_PREFIX } from '../../../shared/paths';
import { ErrorBodySchema, LiveParamsSchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';

/**
 * Links marketing can paste into articles and posters: `/live/LIVINGID` and `/live/LIVINGID?replay=1`. They are
 * stable whatever the client's routing does, and lead to the live page (which works as a cold entry).
 */
export function shortLinkRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: `${SHORT_LINK_PREFIX}:livingId`,
      summary: 'Short, stable link to one live (add ?replay=1 for its replay, ?from=TAG for a campaign)',
      auth: 'public',
      params: LiveParamsSchema,
      query: z.object({
        replay: z.string().max(16).optional().describe('1 or true for the replay'),
        from: z.string().optional().describe('Campaign tag, kept for the live page (dropped when malformed)'),
      }),
      responses: {
        302: { description: 'To the live page of the H5 app', headers: { Location: '/pages/live/index?id=…' } },
        400: { description: 'Malformed living id', schema: ErrorBodySchema },
      },
      handler(ctx, { params, query }) {
        const replay = query.replay === '1' || query.replay === 'true';
        const search = new URLSearchParams({ id: params.livingId, ...(replay ? { replay: '1' } : {}) });
        // A marketing link's tag goes on to the page, which reports it with the view, the tap and the open.
        if (query.from !== undefined && isCampaignTag(query.from)) search.set('from', query.from);
        ctx.set('Cache-Control', 'public, max-age=300');
        ctx.redirect(`${LIVE_PAGE}?${search}`);
      },
    }),
  ];
}
