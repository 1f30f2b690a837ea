import type { Context } from 'koa';
import { z } from 'zod';
import type { FunnelBeaconRequest, VisitorResponse } from '../../../shared/api';
import { VISITOR_COOKIE } from '../../../shared/cookie-names';
import { AppError } from '../../errors/app-error';
import type { FunnelService, VisitorIdentity } from '../../funnel/funnel-service';
import { SIGNED_VISITOR_ID } from '../../funnel/visitor-ids';
import type { LiveCardService } from '../../lives/live-card-service';
import type { ViewerSignIn } from '../../sign-in/viewer-sign-in';
import { CampaignTagSchema, ErrorBodySchema, LiveParamsSchema } from '../schemas/api-schemas';
import { viewerGuard } from '../middleware/viewer-guard';
import type { ClientLimits } from '../../limits/client-limits';
import { defineRoute } from '../route-spec';
import type { SameShape } from '../same-shape';
import { viewerCookieOptions } from '../viewer-cookies';

/** How long the visitor cookie lives; one without a valid signature (made up, or from before ids were signed) is ignored. */
const VISITOR_COOKIE_MAX_AGE_MS = 400 * 24 * 3600 * 1000;

export const ViewBeaconBodySchema = z.object({
  from: CampaignTagSchema,
  visitor: z
    .string()
    .regex(SIGNED_VISITOR_ID)
    .optional()
    .describe("The mini program's install id, as POST /api/visitors issued it (H5 is told apart by a cookie)"),
});
export const VisitorResponseSchema = z
  .object({ visitor: z.string().regex(SIGNED_VISITOR_ID).describe('A signed visitor id: keep it, send it on views') })
  .strict();
export const visitorResponseMatchesSharedType: SameShape<
  z.output<typeof VisitorResponseSchema>,
  VisitorResponse
> = true;
export const OpenBeaconBodySchema = z.object({ from: CampaignTagSchema });
export const viewBeaconMatchesSharedType: SameShape<z.output<typeof ViewBeaconBodySchema>, FunnelBeaconRequest> = true;

const refused = {
  400: {
    description: 'Malformed id, `from` is not a campaign tag, or `visitor` is not one this BFF issued',
    schema: ErrorBodySchema,
  },
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
  clientLimits,
  publicOrigin,
}: {
  funnel: Pick<FunnelService, 'recordView' | 'recordOpen' | 'issueVisitor' | 'verifyVisitor'>;
  cards: Pick<LiveCardService, 'get'>;
  signIn: Pick<ViewerSignIn, 'verify'>;
  clientLimits: Pick<ClientLimits, 'newVisitor'>;
  publicOrigin: string;
}) {
  const session = viewerGuard(signIn);

  /** A new visitor for this address, within its allowance for the minute; undefined past it. */
  const newVisitor = (ctx: Context): Promise<string | undefined> =>
    clientLimits.newVisitor(ctx).then(
      () => funnel.issueVisitor(),
      (err: unknown) => {
        if (err instanceof AppError && err.code === 'TOO_MANY_REQUESTS') return undefined;
        throw err;
      },
    );

  /**
   * Who sent a view, never a visitor the client made up. The visitor cookie first: a browser gets it with its first
   * view, before any sign-in, so the view it sends again when WeChat's sign-in brings it back is the same visitor.
   * Then the mini program's install id (400 when this BFF did not issue it: the install asks for a new one), then a
   * session. Else a new visitor cookie, within this address's allowance of new visitors; past it the view is not
   * counted (undefined) and no cookie is set, so one client cannot add unique views faster than that allowance.
   */
  async function visitorOf(ctx: Context, install: string | undefined): Promise<VisitorIdentity | undefined> {
    const cookie = ctx.cookies.get(VISITOR_COOKIE);
    const fromCookie = cookie ? funnel.verifyVisitor(cookie) : undefined;
    if (fromCookie) return { kind: 'cookie', id: fromCookie };
    if (install !== undefined) {
      const id = funnel.verifyVisitor(install);
      if (!id) throw new AppError('INVALID_BODY', 'visitor: not an id this BFF issued (POST /api/visitors for one)');
      return { kind: 'install', id };
    }
    const viewer = await session(ctx).catch(() => undefined);
    if (viewer) return { kind: 'viewer', viewer };
    const issued = await newVisitor(ctx);
    if (!issued) return undefined;
    ctx.cookies.set(VISITOR_COOKIE, issued, {
      ...viewerCookieOptions(publicOrigin),
      maxAge: VISITOR_COOKIE_MAX_AGE_MS,
    });
    return { kind: 'cookie', id: funnel.verifyVisitor(issued)! };
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
        const visitor = await visitorOf(ctx, body.visitor);
        if (visitor) funnel.recordView(params.livingId, visitor, body.from);
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/visitors',
      summary: 'A signed visitor id for the funnel: a mini program install asks once and keeps it (H5 gets a cookie)',
      auth: 'public',
      limit: 'beacon',
      body: z.object({}),
      responses: {
        201: { description: 'A new visitor id', schema: VisitorResponseSchema },
        415: refused[415],
        429: {
          description: 'This address was given its new visitors for the minute (FUNNEL_NEW_VISITORS_PER_IP_PER_MINUTE)',
          schema: ErrorBodySchema,
        },
      },
      async handler(ctx) {
        await clientLimits.newVisitor(ctx);
        ctx.status = 201;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { visitor: funnel.issueVisitor() } satisfies VisitorResponse;
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
