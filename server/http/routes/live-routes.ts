import type { LiveCardService } from '../../lives/live-card-service';
import type { LiveListService } from '../../lives/live-list-service';
import { ErrorBodySchema, LiveCardSchema, LiveParamsSchema, LivesResponseSchema } from '../schemas/api-schemas';
import type { HotCards } from '../fast-path/hot-cards';
import { defineRoute } from '../route-spec';
import { upstreamUnavailable } from '../upstream-unavailable';
import { representCard } from '../card-representation';

const unavailable = upstreamUnavailable('WeCom', true);

export function liveRoutes({
  cards,
  lists,
  hotCards,
}: {
  cards: LiveCardService;
  lists: LiveListService;
  /** Told of every fresh card served, so the next polls of it skip the router. */
  hotCards?: HotCards;
}) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/lives',
      summary: 'Featured lives: live now, then upcoming, then replays, then the rest',
      auth: 'public',
      responses: { 200: { description: 'The lives', schema: LivesResponseSchema }, 503: unavailable },
      async handler(ctx) {
        ctx.body = { lives: await lists.list() };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/lives/:livingId',
      summary: 'One live card; answers 304 to a matching If-None-Match',
      auth: 'public',
      params: LiveParamsSchema,
      responses: {
        200: {
          description: 'The live card',
          schema: LiveCardSchema,
          headers: { ETag: 'Changes whenever the card does' },
        },
        304: { description: 'Unchanged since the ETag sent in If-None-Match' },
        400: { description: 'Malformed living id', schema: ErrorBodySchema },
        404: { description: 'No such live (or not one of this app)', schema: ErrorBodySchema },
        429: { description: 'Too many lookups of lives nobody knows from this client', schema: ErrorBodySchema },
        503: unavailable,
      },
      async handler(ctx, { params }) {
        const { card, freshUntil } = await cards.lookup(params.livingId, { ip: ctx.ip });
        const { json, etag } = representCard(card);
        if (freshUntil !== undefined) hotCards?.remember(params.livingId, json, etag, freshUntil);
        ctx.set('ETag', etag);
        ctx.set('Cache-Control', 'no-cache');
        if (ctx.get('If-None-Match')) {
          ctx.status = 200; // ctx.fresh only compares validators on a 2xx answer
          if (ctx.fresh) {
            ctx.status = 304;
            return;
          }
        }
        ctx.set('Content-Type', 'application/json; charset=utf-8'); // direct: skips Koa's MIME lookup
        ctx.body = json;
      },
    }),
  ];
}
