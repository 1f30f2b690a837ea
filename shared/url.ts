/** `url` without its `#fragment`: what WeChat signs and checks (JS-SDK signatures), and what a server ever sees. */
export const withoutFragment = (url: string): string => url.split('#')[0]!;
