import type { LiveCard } from '../../../shared/live-card';
import { isApiError } from '../api/api-error';

export const FAST_POLL_MS = 5_000;
export const SLOW_POLL_MS = 30_000;
/** A reserved live this close to its start is polled fast, so "直播中" shows up within seconds. */
export const STARTING_SOON_MS = 10 * 60 * 1000;
const MAX_BACKOFF_MS = 5 * 60 * 1000;

/** Every 5 s while living or about to start, every 30 s otherwise. */
export function pollDelay(live: Pick<LiveCard, 'status' | 'startsAt'>, now: number): number {
  if (live.status === 'living') return FAST_POLL_MS;
  if (live.status === 'reserved' && Date.parse(live.startsAt) - now <= STARTING_SOON_MS) return FAST_POLL_MS;
  return SLOW_POLL_MS;
}

/**
 * After the `failures`-th failure in a row: at least the BFF's `Retry-After` (429/503), otherwise the normal delay
 * doubled per failure, capped at five minutes.
 */
export function retryDelay(error: unknown, failures: number, normalMs: number): number {
  const backoff = Math.min(normalMs * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
  if (isApiError(error) && error.retryAfterSeconds !== undefined) {
    return Math.max(error.retryAfterSeconds * 1000, backoff);
  }
  return backoff;
}
