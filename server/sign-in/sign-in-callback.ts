import type { ErrorCode } from '../../shared/error-codes';
import type { OAuthStates } from './oauth-state';

/** Longer is no code WeChat or WeCom issues; refused before it costs a call. */
const MAX_CODE_LENGTH = 512;

/** What came back to a sign-in callback: WeChat's or WeCom's code and state, and the browser's sign-in cookie. */
export interface SignInCallback {
  code?: string;
  state?: string;
  browser: string | undefined;
}

/**
 * How a sign-in round trip (viewer or staff) ended, as its service tells the callback route: a session (and `Who`
 * signed in), or why not, with where the failure page's one link goes (the sign-in again, or home when nothing can
 * be resumed).
 */
export type SignInOutcome<F extends string, Who extends object = object> =
  | ({ signedIn: true; token: string; maxAgeMs: number; returnTo: string } & Who)
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

/** A callback that cannot go on: the same two cases for every sign-in, as an outcome the callback route answers. */
export interface CallbackRefusal {
  signedIn: false;
  failure: 'state_invalid' | 'code_missing';
  errorCode: 'OAUTH_STATE_INVALID' | 'LOGIN_FAILED';
  status: 400;
  retryHref: string;
}

/**
 * The first steps of every sign-in callback (viewer or staff): the state must be one this browser started and not
 * used yet (taking it spends it), and a code must have come back. Then the caller trades the code; `retryHref`
 * starts its sign-in again for the same page.
 */
export async function checkSignInCallback(
  states: OAuthStates,
  { code, state, browser }: SignInCallback,
  startHref: (returnTo: string) => string,
): Promise<{ refused: CallbackRefusal } | { refused?: undefined; code: string; returnTo: string; retryHref: string }> {
  const record = await states.take(state);
  if (!record || record.browser !== browser) {
    return {
      refused: {
        signedIn: false,
        failure: 'state_invalid',
        errorCode: 'OAUTH_STATE_INVALID',
        status: 400,
        retryHref: '/',
      },
    };
  }
  const retryHref = startHref(record.returnTo);
  if (!code || code.length > MAX_CODE_LENGTH) {
    return { refused: { signedIn: false, failure: 'code_missing', errorCode: 'LOGIN_FAILED', status: 400, retryHref } };
  }
  return { code, returnTo: record.returnTo, retryHref };
}
