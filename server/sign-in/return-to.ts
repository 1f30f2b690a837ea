/** Query parameters of the OAuth round trip itself: a page URL that still held them would reuse a spent code. */
const OAUTH_PARAMS = ['code', 'state'];
const MAX_LENGTH = 2048;

/**
 * Where to send a viewer after the H5 login, or `undefined` when `raw` is not a path on our own origin.
 * Refuses every way of naming another host: `//evil.com`, `https://evil.com`, `/\evil.com` (browsers read `\` as
 * `/`), control characters (`/\t/evil.com`), any of these percent-encoded once or more, and dot-segments that only
 * become `//evil.com` once resolved (`/.//evil.com`, `/a/..//evil.com`): the path handed back is checked again.
 */
export function safeReturnTo(raw: string | undefined, publicOrigin: string): string | undefined {
  if (raw === undefined || raw === '') return '/';
  if (raw.length > MAX_LENGTH || !raw.startsWith('/')) return undefined;
  let decoded = raw;
  for (let round = 0; round < 4; round++) {
    if (/^[/\\]{2}|\\|[\u0000-\u001f\u007f]/.test(decoded)) return undefined;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return undefined;
    }
    if (next === decoded) break;
    decoded = next;
  }
  const origin = new URL(publicOrigin).origin;
  const url = new URL(raw, origin);
  if (url.origin !== origin) return undefined;
  for (const name of OAUTH_PARAMS) url.searchParams.delete(name);
  const path = `${url.pathname}${url.search}`;
  // What the browser will resolve against our origin must still be our origin: resolution can create `//host`.
  if (/^[/\\]{2}/.test(path) || new URL(path, origin).origin !== origin) return undefined;
  return path;
}
