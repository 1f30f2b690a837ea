import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../errors/app-error';
import { withoutFragment } from '../../../shared/url';
import { jssdkSignature } from '../../wechat/jssdk-signature';
import type { OfficialAccount } from '../../wechat/official-account';
import { ErrorBodySchema, JssdkConfigSchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import { upstreamUnavailable } from '../upstream-unavailable';

/** The JS-SDK calls the H5 page makes (share cards); `wx.config` needs at least one. */
export const JS_API_LIST = ['updateAppMessageShareData', 'updateTimelineShareData'];
export const OPEN_TAG_LIST = ['wx-open-launch-weapp'];
/** With a service-account reminder template, H5 also asks for 开播提醒 with WeChat's subscribe tag. */
export const SUBSCRIBE_OPEN_TAG = 'wx-open-subscribe';

export function jssdkRoutes({
  officialAccount,
  publicOrigin,
  now = Date.now,
  subscribeTag = false,
}: {
  officialAccount: OfficialAccount;
  publicOrigin: string;
  now?: () => number;
  /** The service account has a reminder template: `wx-open-subscribe` joins the open tags. */
  subscribeTag?: boolean;
}) {
  const origin = new URL(publicOrigin).origin;
  const openTagList = subscribeTag ? [...OPEN_TAG_LIST, SUBSCRIBE_OPEN_TAG] : OPEN_TAG_LIST;
  return [
    defineRoute({
      method: 'get',
      path: '/api/jssdk/config',
      summary: 'Arguments for wx.config, signed over the page URL (without its fragment)',
      auth: 'public',
      query: z.object({
        url: z.string().min(1).max(2048).describe('The page URL as WeChat sees it (iOS: the landing URL)'),
      }),
      responses: {
        200: { description: 'Pass to wx.config as is', schema: JssdkConfigSchema },
        400: { description: 'url is not a page of PUBLIC_ORIGIN', schema: ErrorBodySchema },
        503: upstreamUnavailable('WeChat'),
      },
      async handler(ctx, { query }) {
        let url: URL | undefined;
        try {
          url = new URL(query.url);
        } catch {
          url = undefined;
        }
        if (!url || url.origin !== origin || url.username || url.password) {
          throw new AppError('INVALID_URL', `url must be a page of ${origin}`);
        }
        const nonceStr = randomBytes(12).toString('base64url');
        const timestamp = Math.floor(now() / 1000);
        const ticket = await officialAccount.jsapiTicket();
        ctx.set('Cache-Control', 'no-store');
        ctx.body = {
          appId: officialAccount.appId,
          timestamp,
          nonceStr,
          signature: jssdkSignature({ ticket, nonceStr, timestamp, url: withoutFragment(query.url) }),
          jsApiList: JS_API_LIST,
          openTagList,
        };
      },
    }),
  ];
}
