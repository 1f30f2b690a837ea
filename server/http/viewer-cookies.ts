/** The H5 session cookie (HttpOnly): set by the OAuth callback, sent by the browser. */
export const SESSION_COOKIE = 'wlv_session';

/**
 * Binds a sign-in to the browser that started it, so nobody can slip their own login into a viewer's browser.
 * One value per browser, kept across sign-ins, so two tabs signing in at once do not undo each other.
 */
export const BROWSER_COOKIE = 'wlv_oauth';

/** HttpOnly, SameSite=Lax, and Secure when the public origin is https (behind a TLS proxy Koa sees plain HTTP). */
export function viewerCookieOptions(publicOrigin: string) {
  const secure = publicOrigin.startsWith('https:');
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', overwrite: true };
}
