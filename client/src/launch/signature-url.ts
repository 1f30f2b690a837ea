import { withoutFragment } from '../../../shared/url';

/** iPhone, iPad or iPod: WeChat there checks JS-SDK signatures against the landing URL. */
export function isIos(userAgent: string): boolean {
  return /\b(iPhone|iPad|iPod)\b/i.test(userAgent);
}

/**
 * The URL to sign for `wx.config`, without its fragment: iOS WeChat verifies against the URL the page first landed
 * on (client-side navigation does not change it), Android and others against the current URL (WeChat's JS-SDK
 * documentation on single-page apps).
 */
export function signatureUrl({
  userAgent,
  landingUrl,
  currentUrl,
}: {
  userAgent: string;
  landingUrl: string | undefined;
  currentUrl: string;
}): string {
  const url = isIos(userAgent) && landingUrl ? landingUrl : currentUrl;
  return withoutFragment(url);
}
