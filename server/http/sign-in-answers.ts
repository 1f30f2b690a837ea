import type { Context } from 'koa';
import type { ErrorCode } from '../../shared/error-codes';
import { signInFailedPage } from '../viewer-auth/sign-in-failed-page';

/** How a sign-in round trip (viewer or staff) ended, as its service tells the callback route. */
export type SignInOutcome<F extends string> =
  | { signedIn: true; token: string; maxAgeMs: number; returnTo: string }
  | {
      signedIn: false;
      failure: F;
      errorCode: ErrorCode;
      status: number;
      retryHref: string;
      retryAfter?: number;
      /** The account that signed in, named on the page (a member the staff list does not hold). */
      userId?: string;
    };

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
