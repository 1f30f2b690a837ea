import { STAFF_SIGN_IN_PATH, signInHref } from '../../../shared/paths';

/** The BFF's staff sign-in: WeCom's OAuth inside the WeCom client, its QR login in a browser; back to `returnTo`. */
export function staffSignInHref(returnTo: string): string {
  return signInHref(STAFF_SIGN_IN_PATH, returnTo);
}

const LAST_ATTEMPT_KEY = 'staff:signInAt';
/** A second 401 this soon after a sign-in means the cookie did not stick: show a link instead of looping. */
const LOOP_WINDOW_MS = 30_000;

/**
 * Sends the browser to sign in, unless it was just sent there (then `false`, and the page offers a link). The
 * time of the last attempt is kept in sessionStorage, which survives the round trip through WeCom.
 */
let leaving = false;

export function goToSignIn({
  now = Date.now(),
  assign = (href: string) => window.location.assign(href),
}: { now?: number; assign?: (href: string) => void } = {}): boolean {
  // Several requests may see the same 401: the first one sends the browser away, the rest need not.
  if (leaving) return true;
  const returnTo = window.location.pathname + window.location.search;
  let last = NaN;
  try {
    last = Number(window.sessionStorage.getItem(LAST_ATTEMPT_KEY));
    window.sessionStorage.setItem(LAST_ATTEMPT_KEY, String(now));
  } catch {
    // Storage refused (private mode): no loop guard, sign in anyway.
  }
  if (now - last < LOOP_WINDOW_MS) return false;
  leaving = true;
  assign(staffSignInHref(returnTo));
  return true;
}

/** Signed in: the next 401 (hours later, an expired session) may sign in again at once. */
export function signedIn(): void {
  try {
    window.sessionStorage.removeItem(LAST_ATTEMPT_KEY);
  } catch {
    // nothing kept, nothing to forget
  }
}
