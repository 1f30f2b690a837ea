import { z } from 'zod';
import { BROWSER_COOKIE, SESSION_COOKIE } from '../../../shared/cookie-names';
import { H5_SIGN_IN_PATH } from '../../../shared/paths';
import { H5_SIGN_IN_CALLBACK_PATH, H5_SIGN_IN_FAILURE_WORDS, type ViewerSignIn } from '../../sign-in/viewer-sign-in';
import { defineRoute } from '../route-spec';
import { ErrorBodySchema } from '../schemas/api-schemas';
import { answerSignIn, answerSignInStart } from '../sign-in-answers';
import { viewerCookieOptions } from '../viewer-cookies';

/** The H5 silent WeChat sign-in: cookies and redirects around the round trip `signIn` runs. */
export function h5SessionRoutes({ signIn, publicOrigin }: { signIn: ViewerSignIn; publicOrigin: string }) {
  const cookieOptions = viewerCookieOptions(publicOrigin);

  return [
    defineRoute({
      method: 'get',
      path: H5_SIGN_IN_PATH,
      summary: 'Start the silent WeChat sign-in (snsapi_base) for H5; comes back to returnTo',
      auth: 'public',
      limit: 'login',
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
        answerSignInStart(ctx, await signIn.startH5(query.returnTo, ctx.cookies.get(BROWSER_COOKIE)), cookieOptions);
      },
    }),
    defineRoute({
      method: 'get',
      path: H5_SIGN_IN_CALLBACK_PATH,
      summary: 'Where WeChat sends the viewer back: sets the session cookie and returns to the page',
      auth: 'public',
      limit: 'login',
      // No length limits here: whatever comes back from WeChat ends on the friendly page, not in a JSON error.
      query: z.object({ code: z.string().optional(), state: z.string().optional() }),
      responses: {
        302: {
          description: 'Signed in; back to returnTo with no code or state in the URL',
          headers: { 'Set-Cookie': SESSION_COOKIE },
        },
        400: {
          description:
            'An HTML page with a retry link: the state was invalid, expired or used, or WeChat refused the code',
        },
        503: { description: 'An HTML page with a retry link: WeChat could not be reached or failed' },
      },
      async handler(ctx, { query }) {
        ctx.set('Cache-Control', 'no-store');
        const outcome = await signIn.finishH5({ ...query, browser: ctx.cookies.get(BROWSER_COOKIE) });
        answerSignIn(ctx, outcome, { cookie: SESSION_COOKIE, cookieOptions, words: H5_SIGN_IN_FAILURE_WORDS });
      },
    }),
  ];
}
