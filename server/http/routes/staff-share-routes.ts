import type { Context } from 'koa';
import { z } from 'zod';
import type { StaffShareKit } from '../../../shared/staff-api';
import type { ShareKit, ShareTarget } from '../../share-kit/share-kit';
import { CampaignTagSchema, ErrorBodySchema, LiveParamsSchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import type { SameShape } from '../same-shape';
import { upstreamUnavailable } from '../upstream-unavailable';

export const ShareKitQuerySchema = z.object({ from: CampaignTagSchema });
export const ShareImageQuerySchema = z.object({
  replay: z.enum(['1', 'true', '0', 'false']).optional().describe('1 or true for the replay'),
  from: CampaignTagSchema,
});

export const StaffShareKitSchema = z
  .object({
    livingId: z.string(),
    theme: z.string(),
    from: z.string().optional(),
    links: z.object({ live: z.url(), replay: z.url() }).strict(),
    scene: z.string().max(32).describe("The mini program code's scene: the living id, or !ALIAS"),
    images: z
      .object({
        linkQr: z.string().describe('QR code of links.live (PNG)'),
        miniProgramCode: z.string().describe('The mini program code of the live page (PNG)'),
        poster: z.string().describe('The poster (PNG)'),
      })
      .strict(),
    urlLinks: z
      .object({ live: z.url().nullable(), replay: z.url().nullable() })
      .strict()
      .describe('WeChat URL Links to the live page, carrying the tag; null when none can be made now'),
    sms: z
      .object({ live: z.string(), replay: z.string() })
      .strict()
      .describe('Ready SMS texts: theme, start time in China, the URL Link (or the stable link)'),
    miniProgram: z
      .object({
        appId: z.string(),
        paths: z.object({ live: z.string(), replay: z.string() }).strict(),
      })
      .strict()
      .describe("For the service account's mini program cards: our appid, the live page's path with its query"),
  })
  .strict();
export const shareKitMatchesType: SameShape<z.output<typeof StaffShareKitSchema>, StaffShareKit> = true;

const targetOf = (livingId: string, query: z.infer<typeof ShareImageQuerySchema>): ShareTarget => ({
  livingId,
  replay: query.replay === '1' || query.replay === 'true',
  ...(query.from ? { from: query.from } : {}),
});

function sendImage(ctx: Context, contentType: string, bytes: Buffer) {
  // Staff-only, but the same request always draws the same picture: the browser may keep it a while.
  ctx.set('Cache-Control', 'private, max-age=3600');
  ctx.type = contentType;
  ctx.body = bytes;
}

/** The share kit for marketing: links with a campaign tag, their QR code, the mini program code and a poster. */
export function staffShareRoutes({ shareKit }: { shareKit: ShareKit }) {
  const refused = {
    400: { description: 'Malformed living id, replay or campaign tag', schema: ErrorBodySchema },
    401: { description: 'No staff session', schema: ErrorBodySchema },
    403: { description: 'Not on the staff list', schema: ErrorBodySchema },
    404: { description: 'No such live', schema: ErrorBodySchema },
  };
  const wechatDown = { 503: upstreamUnavailable('WeChat') };
  return [
    defineRoute({
      method: 'get',
      path: '/api/staff/lives/:livingId/share',
      summary: 'Everything the share kit shows for a live: stable links, the mini program scene, image URLs',
      auth: 'staff',
      params: LiveParamsSchema,
      query: ShareKitQuerySchema,
      responses: { 200: { description: 'The share kit', schema: StaffShareKitSchema }, ...refused },
      async handler(ctx, { params, query }) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await shareKit.kit(params.livingId, query.from);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/staff/lives/:livingId/link-qr.png',
      summary: 'QR code (PNG) of the stable H5 link of a live or its replay, with the campaign tag',
      auth: 'staff',
      params: LiveParamsSchema,
      query: ShareImageQuerySchema,
      responses: { 200: { description: 'image/png' }, ...refused },
      async handler(ctx, { params, query }) {
        sendImage(ctx, 'image/png', await shareKit.linkQr(targetOf(params.livingId, query)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/staff/lives/:livingId/mini-program-code.png',
      summary: "The mini program code of the live page (WeChat's wxa/getwxacodeunlimit), cached per scene",
      auth: 'staff',
      params: LiveParamsSchema,
      query: ShareImageQuerySchema,
      responses: { 200: { description: 'image/png (or image/jpeg, as WeChat drew it)' }, ...refused, ...wechatDown },
      async handler(ctx, { params, query }) {
        const code = await shareKit.miniProgramCode(targetOf(params.livingId, query));
        sendImage(ctx, code.contentType, code.bytes);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/staff/lives/:livingId/poster.png',
      summary: 'A poster (PNG) of the live: theme, start time, description and its mini program code',
      auth: 'staff',
      params: LiveParamsSchema,
      query: ShareImageQuerySchema,
      responses: {
        200: { description: 'image/png, as an attachment', headers: { 'Content-Disposition': 'attachment' } },
        ...refused,
        503: { description: 'WeChat is down, or no CJK font is installed', schema: ErrorBodySchema },
      },
      async handler(ctx, { params, query }) {
        const target = targetOf(params.livingId, query);
        const png = await shareKit.poster(target);
        sendImage(ctx, 'image/png', png);
        const name = `poster-${params.livingId}${target.replay ? '-replay' : ''}${target.from ? `-${target.from}` : ''}`;
        ctx.set('Content-Disposition', `attachment; filename="${name}.png"`);
      },
    }),
  ];
}
