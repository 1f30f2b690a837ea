import type { Page } from 'playwright-core';

/**
 * Signs the page's browser in through the BFF's H5 sign-in (the sandbox's silent OAuth), so a page in WeChat that
 * needs the viewer does not leave for the sign-in halfway through a test. Fails unless the round trip ended where it
 * was asked to and left the session cookie.
 */
export async function signInWechatH5(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/api/session/h5?returnTo=${encodeURIComponent('/healthz')}`);
  const landed = new URL(page.url()).pathname;
  const cookies = (await page.context().cookies()).map((c) => c.name);
  if (landed !== '/healthz' || !cookies.includes('wlv_session'))
    throw new Error(`WeChat H5 sign-in did not stick: landed on ${landed}, cookies ${cookies.join(', ') || 'none'}`);
}
