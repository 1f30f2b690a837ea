/** Paths the BFF and the client must agree on: the app's pages, the sign-in entry, the marketing links. */

/** The home page (the list of lives), in the mini program and in H5. */
export const HOME_PAGE = '/pages/index/index';
/** One live: `?id=LIVINGID[&replay=1]`. */
export const LIVE_PAGE = '/pages/live/index';

/** Where the H5 silent WeChat sign-in starts: `?returnTo=/path`; it comes back there with the session cookie. */
export const H5_SIGN_IN_PATH = '/api/session/h5';

/** The staff console: the BFF serves its index.html for every path below it; the console routes on the client. */
export const STAFF_CONSOLE_PATH = '/staff';

/** `/staff` and everything below it (not `/staffroom`). */
export const isStaffConsolePath = (path: string): boolean =>
  path === STAFF_CONSOLE_PATH || path.startsWith(`${STAFF_CONSOLE_PATH}/`);

/**
 * Where the staff sign-in with WeCom starts (its OAuth inside the WeCom client, its QR login in a browser):
 * `?returnTo=/staff/…`; it comes back there with the staff cookie.
 */
export const STAFF_SIGN_IN_PATH = '/api/staff/session';

/**
 * The link that starts the sign-in at `signInPath` (`H5_SIGN_IN_PATH`, `STAFF_SIGN_IN_PATH`) and comes back to
 * `returnTo`, a path of this site: where the clients send the browser, and the failure page's retry.
 */
export function signInHref(signInPath: string, returnTo: string): string {
  return `${signInPath}?returnTo=${encodeURIComponent(returnTo)}`;
}

/** Stable links for marketing: `/live/LIVINGID[?replay=1]`, redirected by the BFF to the live page. */
export const SHORT_LINK_PREFIX = '/live/';

export function shortLinkPath(livingId: string, replay = false): string {
  return `${SHORT_LINK_PREFIX}${encodeURIComponent(livingId)}${replay ? '?replay=1' : ''}`;
}
