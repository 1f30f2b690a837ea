/** Paths the BFF and the client must agree on: the app's pages, the sign-in entry, the marketing links. */

/** The home page (the list of lives), in the mini program and in H5. */
export const HOME_PAGE = '/pages/index/index';
/** One live: `?id=LIVINGID[&replay=1]`. */
export const LIVE_PAGE = '/pages/live/index';

/** Where the H5 silent WeChat sign-in starts: `?returnTo=/path`; it comes back there with the session cookie. */
export const H5_SIGN_IN_PATH = '/api/session/h5';

/** Stable links for marketing: `/live/LIVINGID[?replay=1]`, redirected by the BFF to the live page. */
export const SHORT_LINK_PREFIX = '/live/';

export function shortLinkPath(livingId: string, replay = false): string {
  return `${SHORT_LINK_PREFIX}${encodeURIComponent(livingId)}${replay ? '?replay=1' : ''}`;
}
