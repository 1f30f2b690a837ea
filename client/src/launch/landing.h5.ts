let landing: string | undefined;

/**
 * H5: remembers `location.href` as the app loads (iOS WeChat signs JS-SDK configs against it), then removes what
 * WeChat's sign-in may leave in the address bar, so a reload or a copied URL never carries it: `code`/`state`
 * (the BFF's callback already returns without them; this covers any other way they arrive) and the
 * `#wechat_redirect` fragment of the authorize URL, which a browser keeps through the redirects that follow.
 * The landing URL is remembered as it was: that is the URL iOS WeChat knows.
 */
export function captureLanding(win: Window = window): void {
  landing = win.location.href;
  const clean = withoutSignInLeftovers(landing);
  if (clean !== undefined) win.history.replaceState(win.history.state, '', clean);
}

export function landingUrl(): string | undefined {
  return landing;
}

/** `href` without `code`/`state` query parameters and a `#wechat_redirect` fragment; `undefined` if it has none. */
export function withoutSignInLeftovers(href: string): string | undefined {
  const url = new URL(href);
  const oauthParams = url.searchParams.has('code') || url.searchParams.has('state');
  const wechatFragment = url.hash === '#wechat_redirect';
  if (!oauthParams && !wechatFragment) return undefined;
  if (oauthParams) {
    url.searchParams.delete('code');
    url.searchParams.delete('state');
  }
  if (wechatFragment) url.hash = '';
  return url.toString();
}
