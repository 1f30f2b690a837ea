import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { z } from 'zod';
import type { FunnelBeaconRequest } from '../../../shared/api';
import type { FunnelService, VisitorIdentity } from '../../funnel/funnel-service';
import type { LiveCardService } from '../../lives/live-card-service';
import type { ViewerSignIn } from '../../viewer-auth/viewer-sign-in';
import { CampaignTagSchema, ErrorBodySchema, LiveParamsSchema } from '../api-schemas';
import { viewerGuard } from '../middleware/authenticate';
import { defineRoute } from '../route-spec';
import type { SameShape } from '../same-shape';
import { viewerCookieOptions } from '../viewer-cookies';

/** Who an H5 visitor is for the funnel when nobody signed in: random, first-party, HttpOnly, long-lived. */
export const VISITOR_COOKIE = 'wlv_visitor';
const VISITOR_COOKIE_MAX_AGE_MS = 400 * 24 * 3600 * 1000;
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

export const ViewBeaconBodySchema = z.object({
  from: CampaignTagSchema,
  visitor: z
    .string()
    .regex(VISITOR_ID)
    .optional()
    .describe("The mini program's install id (H5 is told apart by a cookie instead)"),
});
export const OpenBeaconBodySchema = z.object({ from: CampaignTagSchema });
export const viewBeaconMatchesSharedType: SameShape<z.output<typeof ViewBeaconBodySchema>, FunnelBeaconRequest> = true;

const refused = {
  400: { description: 'Malformed id, or `from` is not a campaign tag', schema: ErrorBodySchema },
  415: { description: 'Body is not JSON', schema: ErrorBodySchema },
  429: { description: 'Too many beacons from this client', schema: ErrorBodySchema },
};

/**
 * The funnel's beacons from the client: a live page showed a live, and WeCom's live mini program opened. Taps are
 * counted where codes are issued (`living-code-routes.ts`). Answered 204 whatever the counters do.
 */
export function funnelBeaconRoutes({
  funnel,
  cards,
  signIn,
  publicOrigin,
}: {
  funnel: FunnelService;
  cards: Pick<LiveCardService, 'get'>;
  signIn: Pick<ViewerSignIn, 'verify'>;
  publicOrigin: string;
}) {
  const session = viewerGuard(signIn);

  /**
   * The visitor cookie first: a browser gets it with its first view, before any sign-in, so the view it sends again
   * when WeChat's sign-in brings it back is the same visitor. Then the mini program's install id, then a session.
   */
  async function visitorOf(ctx: Context, install: string | undefined): Promise<VisitorIdentity> {
    const cookie = ctx.cookies.get(VISITOR_COOKIE);
    if (cookie && VISITOR_ID.test(cookie)) return { kind: 'cookie', id: cookie };
    if (install) return { kind: 'install', id: install };
    const viewer = await session(ctx).catch(() => undefined);
    if (viewer) return { kind: 'viewer', viewer };
    const id = randomBytes(16).toString('base64url');
    ctx.cookies.set(VISITOR_COOKIE, id, { ...viewerCookieOptions(publicOrigin), maxAge: VISITOR_COOKIE_MAX_AGE_MS });
    return { kind: 'cookie', id };
  }

  return [
    defineRoute({
      method: 'post',
      path: '/api/lives/:livingId/views',
      summary: 'Beacon: the live page showed this live (counted once per visitor and campaign tag)',
      auth: 'public',
      limit: 'beacon',
      params: LiveParamsSchema,
      body: ViewBeaconBodySchema,
      responses: {
        204: { description: 'Noted (sets the wlv_visitor cookie on a first visit)' },
        ...refused,
        404: { description: 'No such live', schema: ErrorBodySchema },
      },
      async handler(ctx, { params, body }) {
        // Only real lives are counted: made-up ids cannot fill the counters (the card is cached, the page just read it).
        await cards.get(params.livingId, { ip: ctx.ip });
        funnel.recordView(params.livingId, await visitorOf(ctx, body.visitor), body.from);
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/lives/:livingId/opens',
      summary: "Beacon: WeCom's live mini program opened after a tap (counted once per viewer and code)",
      auth: 'viewer',
      limit: 'beacon',
      params: LiveParamsSchema,
      body: OpenBeaconBodySchema,
      responses: {
        204: { description: 'Noted (counted when this viewer holds a valid code for the live)' },
        ...refused,
        401: { description: 'No valid session (the one that got the code)', schema: ErrorBodySchema },
      },
      async handler(ctx, { params, body, viewer }) {
        await funnel.recordOpen(params.livingId, viewer, body.from);
        ctx.status = 204;
      },
    }),
  ];
}
