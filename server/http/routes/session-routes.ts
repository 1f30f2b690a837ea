import type { ViewerSignIn } from '../../sign-in/viewer-sign-in';
import { ErrorBodySchema, SessionResponseSchema, WeappLoginBodySchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import { upstreamUnavailable } from '../upstream-unavailable';

export function sessionRoutes({ signIn }: { signIn: ViewerSignIn }) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/session/weapp',
      summary: 'Mini program login: a wx.login code becomes a signed viewer session',
      auth: 'public',
      limit: 'login',
      body: WeappLoginBodySchema,
      responses: {
        200: { description: 'Session token', schema: SessionResponseSchema },
        400: { description: 'No code, or a malformed body', schema: ErrorBodySchema },
        401: { description: 'WeChat refused the code (invalid, used or expired)', schema: ErrorBodySchema },
        503: upstreamUnavailable('WeChat'),
      },
      async handler(ctx, { body }) {
        ctx.body = await signIn.weappLogin(body.code);
      },
    }),
  ];
}
