/**
 * What a sign-in page a browser opens answers: a 302 to the redirect_uri, or an HTML error page with HTTP 200 (never
 * a redirect, so the BFF never hears of the failure: the person is stuck on the platform's page). `errcode` is what
 * the call log records: 0 for the redirect, the page's code, or `null` for problems the platform documents no code for.
 */
export type PageAnswer =
  { kind: 'redirect'; location: string; errcode: 0 } | { kind: 'page'; errcode: number | null; html: string };
