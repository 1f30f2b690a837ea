import type { Context } from 'koa';
import { BROWSER_COOKIE } from '../../shared/cookie-names';
import type { SignInOutcome } from '../sign-in/sign-in-callback';
import { signInFailedPage } from '../sign-in/sign-in-failed-page';
import type { SignInStart } from '../sign-in/sign-in-start';

/**
 * The start route's answer, the same for every sign-in: the browser cookie the callback will be checked against
 * (as long as the state lives), and a redirect to the provider's sign-in page. Never cached.
 */
export function answerSignInStart(ctx: Context, start: SignInStart, cookieOptions: object): void {
  ctx.cookies.set(BROWSER_COOKIE, start.browser, { ...cookieOptions, maxAge: start.browserTtlMs });
  ctx.set('Cache-Control', 'no-store');
  ctx.redirect(start.url);
}

/**
 * The callback route's answer, the same for every sign-in: the session cookie and a redirect back, or the page
 * with one link to try again (never a redirect: it could loop), worded for the failure.
 */
export function answerSignIn<F extends string>(
  ctx: Context,
  outcome: SignInOutcome<F>,
  { cookie, cookieOptions, words }: { cookie: string; cookieOptions: object; words: Record<F, string> },
): void {
  if (outcome.signedIn) {
    ctx.cookies.set(cookie, outcome.token, { ...cookieOptions, maxAge: outcome.maxAgeMs });
    ctx.redirect(outcome.returnTo);
    return;
  }
  ctx.state.errorCode = outcome.errorCode;
  if (outcome.retryAfter !== undefined) ctx.set('Retry-After', String(outcome.retryAfter));
  ctx.status = outcome.status;
  ctx.type = 'text/html; charset=utf-8';
  const who = outcome.userId === undefined ? '' : `（当前账号：${outcome.userId}）`;
  ctx.body = signInFailedPage({ retryHref: outcome.retryHref, detail: `${words[outcome.failure]}${who}` });
}
