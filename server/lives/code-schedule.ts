/**
 * When the codes of a reserved live are prepared: the pure arithmetic behind `living-code-service.ts`.
 *
 * A viewer on a reserved live's page needs a code at the start, not before: WeCom's code lives 5 minutes, so one
 * fetched when the page opens an hour early is wasted, and 30,000 early pages refreshing every 4 minutes would spend
 * the hour's whole budget before anyone taps. So a page is told to come back inside the last `windowMs` before the
 * start, at a moment spread over as much of that window as WeCom's headroom needs for everyone who waits.
 */

/** Codes are ready this long before the start at the latest: room for a put-off request to come back once. */
export const READY_BEFORE_START_MS = 20_000;
/** The spread is never narrower than this (a few viewers still do not all come back in the same second). */
export const MIN_SPREAD_MS = 30_000;
/** Room beyond the bare arithmetic (calls of other pages, a sliding window's edges). */
const SPREAD_SLACK = 1.25;
/** With preparing off, pages come back within this long after the start (spread, not all at once). */
export const AFTER_START_SPREAD_MS = 30_000;

export interface PrepareSchedule {
  /** The live's start (epoch ms). */
  startMs: number;
  /** How long before the start codes may be prepared (`PREPARE_CODES_SECONDS`). */
  windowMs: number;
  /** How many viewers wait for a code of this live. */
  waiters: number;
  /** Codes a minute the budget leaves to codes made ahead of taps. */
  aheadPerMinute: number;
}

/** How long before the start the preparing begins: enough minutes for everyone who waits, within the window. */
export function spreadMs({ windowMs, waiters, aheadPerMinute }: Omit<PrepareSchedule, 'startMs'>): number {
  const widest = windowMs - READY_BEFORE_START_MS;
  const needed = aheadPerMinute > 0 ? (waiters / aheadPerMinute) * 60_000 * SPREAD_SLACK : widest;
  return Math.min(widest, Math.max(MIN_SPREAD_MS, needed));
}

/** When this page should come back for its code (epoch ms), given `random` in [0, 1). */
export function prepareAt(schedule: PrepareSchedule, random: number): number {
  return schedule.startMs - READY_BEFORE_START_MS - random * spreadMs(schedule);
}

/** Whether codes of a live starting at `startMs` are being prepared at `now`. */
export function isPreparing({ startMs, windowMs }: Pick<PrepareSchedule, 'startMs' | 'windowMs'>, now: number) {
  return now >= startMs - windowMs;
}
