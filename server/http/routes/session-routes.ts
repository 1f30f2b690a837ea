import type { SessionTokens } from '../../session/session-token';
import type { MiniProgramLogin } from '../../wechat/mini-program-login';
import { ErrorBodySchema, SessionResponseSchema, WeappLoginBodySchema } from '../api-schemas';
import { defineRoute } from '../route-spec';

export function sessionRoutes({ login, sessions }: { login: MiniProgramLogin; sessions: SessionTokens }) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/session/weapp',
      summary: 'Mini program login: a wx.login code becomes a signed viewer session',
      body: WeappLoginBodySchema,
      responses: {
        200: { description: 'Session token', schema: SessionResponseSchema },
        400: { description: 'No code, or a malformed body', schema: ErrorBodySchema },
        401: { description: 'WeChat refused the code (invalid, used or expired)', schema: ErrorBodySchema },
        503: { description: 'WeChat unavailable', schema: ErrorBodySchema },
      },
      async handler(ctx, { body }) {
        const identity = await login(body.code);
        ctx.body = await sessions.issue({ openid: identity.openid, appId: identity.appId, via: 'weapp' });
      },
    }),
  ];
}
