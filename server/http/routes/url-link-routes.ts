import type { LiveCardService } from '../../lives/live-card-service';
import type { UrlLinkService } from '../../url-links/url-link-service';
import { ErrorBodySchema, LiveParamsSchema, UrlLinkQuerySchema, UrlLinkResponseSchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import { upstreamUnavailable } from '../upstream-unavailable';

/** A link is the same for everyone and lives for weeks: shared caches may keep the answer a few minutes. */
const LINK_MAX_AGE_S = 300;
/** No link now (the quota, a refusal): asked again soon, once the hold may be over. */
const NONE_MAX_AGE_S = 60;

/**
 * `GET /api/lives/:livingId/url-link`: the WeChat URL Link that opens our mini program's live page for this live
 * (phone browsers outside WeChat, 「打开微信观看」). Public, no session: the same answer for every viewer. The live must
 * exist (looked up as `GET /api/lives/:livingId` does, through the unknown-lives lane: 404, 429); WeChat refusing or
 * failing is `urlLink: null`, never an error.
 */
export function urlLinkRoutes({ cards, urlLinks }: { cards: LiveCardService; urlLinks: UrlLinkService }) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/lives/:livingId/url-link',
      summary: "A WeChat URL Link to our mini program's live page (?replay=1, ?from=TAG); null when none can be made",
      auth: 'public',
      params: LiveParamsSchema,
      query: UrlLinkQuerySchema,
      responses: {
        200: {
          description: 'The link, or null (quota nearly spent, WeChat refused): offer the QR code and copy link',
          schema: UrlLinkResponseSchema,
        },
        400: { description: 'Malformed living id or replay flag', schema: ErrorBodySchema },
        404: { description: 'No such live (or not one of this app)', schema: ErrorBodySchema },
        429: { description: 'Too many lookups of lives nobody knows from this client', schema: ErrorBodySchema },
        503: upstreamUnavailable('WeCom', true),
      },
      async handler(ctx, { params, query }) {
        await cards.lookup(params.livingId, { ip: ctx.ip });
        const replay = query.replay === '1' || query.replay === 'true';
        const link = await urlLinks.linkFor({
          livingId: params.livingId,
          replay,
          ...(query.from !== undefined ? { from: query.from } : {}),
        });
        ctx.set('Cache-Control', `public, max-age=${link ? LINK_MAX_AGE_S : NONE_MAX_AGE_S}`);
        ctx.body = link ? { urlLink: link.url, expiresAt: new Date(link.expiresAt).toISOString() } : { urlLink: null };
      },
    }),
  ];
}
