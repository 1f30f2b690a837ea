/**
 * Seconds to wait from a `Retry-After` header, which is either delta-seconds or an HTTP date (RFC 9110 §10.2.3);
 * a date in the past is 0, anything else unreadable is `undefined`. `now` is injectable for tests. One parser for
 * the viewer's pages and the staff console, so both wait the same time for the same answer.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
