import { z } from 'zod';
import { AppError, isAppError } from '../../errors/app-error';
import { isRandomToken, randomToken, type OAuthStates } from '../../h5/oauth-state';
import { safeReturnTo } from '../../h5/return-to';
import { signInFailedPage } from '../../h5/sign-in-failed-page';
import type { SessionTokens } from '../../session/session-token';
import type { OAuthLogin } from '../../wechat/oauth-login';
import { ErrorBodySchema } from '../api-schemas';
import { SESSION_COOKIE } from '../middleware/authenticate';
import { defineRoute } from '../route-spec';

/**
 * Binds a sign-in to the browser that started it, so nobody can slip their own login into a viewer's browser.
 * One value per browser, kept across sign-ins, so two tabs signing in at once do not undo each other.
 */
const BROWSER_COOKIE = 'wlv_oauth';
/** Longer is no OAuth code WeChat issues; refused before it costs a call. */
const MAX_CODE_LENGTH = 512;
const CALLBACK_PATH = '/api/session/h5/callback';

export interface H5SessionDeps {
  oauthStates: OAuthStates;
  oauthLogin: OAuthLogin;
  sessions: SessionTokens;
  officialAccount: { appId: string; openBase: string };
  publicOrigin: string;
}

export function h5SessionRoutes({ oauthStates, oauthLogin, sessions, officialAccount, publicOrigin }: H5SessionDeps) {
  const secure = publicOrigin.startsWith('https:');
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', overwrite: true };
  const startHref = (returnTo: string) => `/api/session/h5?returnTo=${encodeURIComponent(returnTo)}`;

  return [
    defineRoute({
      method: 'get',
      path: '/api/session/h5',
      summary: 'Start the silent WeChat sign-in (snsapi_base) for H5; comes back to returnTo',
      query: z.object({
        returnTo: z.string().max(2048).optional().describe('A path on PUBLIC_ORIGIN, e.g. /live/lvXXXX?replay=1'),
      }),
      responses: {
        302: {
          description: "To WeChat's authorize page",
          headers: { Location: 'open.weixin.qq.com/connect/oauth2/authorize?…' },
        },
        400: { description: 'returnTo is not a path on this site', schema: ErrorBodySchema },
      },
      async handler(ctx, { query }) {
        const returnTo = safeReturnTo(query.returnTo, publicOrigin);
        if (!returnTo) throw new AppError('INVALID_RETURN_TO', 'returnTo must be a path on this site');
        const known = ctx.cookies.get(BROWSER_COOKIE);
        const browser = isRandomToken(known) ? known : randomToken();
        const state = await oauthStates.create({ returnTo, browser });
        // Behind a TLS-terminating proxy Koa sees plain HTTP; PUBLIC_ORIGIN says what the browser sees.
        ctx.cookies.secure = secure;
        ctx.cookies.set(BROWSER_COOKIE, browser, { ...cookieOptions, maxAge: oauthStates.ttlMs });
        const authorize = new URL('/connect/oauth2/authorize', officialAccount.openBase);
        authorize.search = new URLSearchParams({
          appid: officialAccount.appId,
          redirect_uri: `${publicOrigin}${CALLBACK_PATH}`,
          response_type: 'code',
          scope: 'snsapi_base',
          state,
        }).toString();
        ctx.set('Cache-Control', 'no-store');
        ctx.redirect(`${authorize.toString()}#wechat_redirect`);
      },
    }),
    defineRoute({
      method: 'get',
      path: CALLBACK_PATH,
      summary: 'Where WeChat sends the viewer back: sets the session cookie and returns to the page',
      // No length limits here: whatever comes back from WeChat ends on the friendly page, not in a JSON error.
      query: z.object({ code: z.string().optional(), state: z.string().optional() }),
      responses: {
        302: {
          description: 'Signed in; back to returnTo with no code or state in the URL',
          headers: { 'Set-Cookie': 'wlv_session' },
        },
        400: {
          description:
            'An HTML page with a retry link: the state was invalid, expired or used, or WeChat refused the code',
        },
        503: { description: 'An HTML page with a retry link: WeChat could not be reached or failed' },
      },
      async handler(ctx, { query }) {
        ctx.set('Cache-Control', 'no-store');
        ctx.cookies.secure = secure;
        const fail = (retryHref: string, detail: string, status = 400) => {
          ctx.status = status;
          ctx.type = 'text/html; charset=utf-8';
          ctx.body = signInFailedPage({ retryHref, detail });
        };
        const record = await oauthStates.take(query.state);
        if (!record || record.browser !== ctx.cookies.get(BROWSER_COOKIE)) {
          ctx.state.errorCode = 'OAUTH_STATE_INVALID';
          return fail('/', '这个登录链接已失效或已使用过，请重新进入页面。');
        }
        if (!query.code || query.code.length > MAX_CODE_LENGTH) {
          ctx.state.errorCode = 'LOGIN_FAILED';
          return fail(startHref(record.returnTo), '微信没有完成授权，请重试。');
        }
        try {
          const identity = await oauthLogin(query.code);
          const { token } = await sessions.issue({ openid: identity.openid, appId: identity.appId, via: 'h5' });
          ctx.cookies.set(SESSION_COOKIE, token, { ...cookieOptions, maxAge: sessions.ttlSeconds * 1000 });
          ctx.redirect(record.returnTo);
        } catch (err) {
          if (!isAppError(err)) throw err;
          ctx.state.errorCode = err.code;
          if (err.code === 'LOGIN_FAILED') return fail(startHref(record.returnTo), '登录凭证已失效，请重试。');
          if (err.retryAfter !== undefined) ctx.set('Retry-After', String(err.retryAfter));
          fail(startHref(record.returnTo), '微信暂时无法完成登录，请稍后重试。', err.status >= 500 ? 503 : 400);
        }
      },
    }),
  ];
}
