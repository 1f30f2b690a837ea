/** The BFF's cookies, named once: it sets and reads them; tests and benchmarks pick them out of `Set-Cookie`. */

/** The H5 viewer's session (HttpOnly): set by the OAuth callback, sent by the browser. */
export const SESSION_COOKIE = 'wlv_session';

/**
 * Binds a sign-in (a viewer's or a staff member's) to the browser that started it, so nobody can slip their own
 * login into someone else's browser. One value per browser, kept across sign-ins, so two tabs signing in at once do
 * not undo each other.
 */
export const BROWSER_COOKIE = 'wlv_oauth';

/** The staff session: HttpOnly, SameSite=Strict, a working day. Never sent with a viewer's requests. */
export const STAFF_COOKIE = 'wlv_staff';

/**
 * Who an H5 visitor is for the funnel when nobody signed in: a visitor id the BFF issued and signed, first-party,
 * HttpOnly, long-lived.
 */
export const VISITOR_COOKIE = 'wlv_visitor';
