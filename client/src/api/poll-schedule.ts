import type { LiveCard } from '../../../shared/live-card';
import { isApiError } from './api-error';

export const FAST_POLL_MS = 5_000;
export const SLOW_POLL_MS = 30_000;
/** While the push socket is connected, polling is only the safety net: card frames bring the changes. */
export const PUSHED_POLL_MS = 60_000;
/** A reserved live this close to its start is polled fast, so "直播中" shows up within seconds. */
export const STARTING_SOON_MS = 10 * 60 * 1000;
/**
 * A reserved live whose start passed longer ago than this is polled slowly again: the anchor is late (or will not
 * come), and viewers waiting on the page should not cost a request every 5 s for hours.
 */
export const LATE_START_MS = 30 * 60 * 1000;
const MAX_BACKOFF_MS = 5 * 60 * 1000;

/** Every 5 s while living or about to start (or just overdue), every 30 s otherwise. */
export function pollDelay(live: Pick<LiveCard, 'status' | 'startsAt'>, now: number): number {
  if (live.status === 'living') return FAST_POLL_MS;
  const untilStart = Date.parse(live.startsAt) - now;
  if (live.status === 'reserved' && untilStart <= STARTING_SOON_MS && untilStart >= -LATE_START_MS) {
    return FAST_POLL_MS;
  }
  return SLOW_POLL_MS;
}

/**
 * After the `failures`-th failure in a row: at least the BFF's `Retry-After` (429/503), otherwise the normal delay
 * doubled per failure, capped at `maxMs` (five minutes unless told).
 */
export function retryDelay(error: unknown, failures: number, normalMs: number, maxMs = MAX_BACKOFF_MS): number {
  const backoff = Math.min(normalMs * 2 ** Math.max(0, failures - 1), maxMs);
  if (isApiError(error) && error.retryAfterSeconds !== undefined) {
    return Math.max(error.retryAfterSeconds * 1000, backoff);
  }
  return backoff;
}
