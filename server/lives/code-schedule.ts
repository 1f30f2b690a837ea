import { createHash } from 'node:crypto';

/**
 * When the codes of a reserved live are prepared: the pure arithmetic behind `living-code-service.ts`.
 *
 * A viewer on a reserved live's page needs a code at the start, not before: WeCom's code lives 5 minutes, so one
 * fetched when the page opens an hour early is wasted, and 30,000 early pages refreshing every 4 minutes would spend
 * the hour's whole budget before anyone taps. So each page gets a moment inside the last `windowMs` before the start,
 * spread over as much of that window as WeCom's headroom needs for everyone who waits.
 *
 * How many wait is only known late: pages opened half an hour early would otherwise be spread by the few who waited
 * then, and all come back in the window's last seconds. So a page that asks before the window is told to check in
 * during the minute before it opens, and is given its moment then, when nearly everyone who will wait is counted.
 */

/** Codes are ready this long before the start at the latest. */
export const READY_BEFORE_START_MS = 5_000;
/** The spread is never narrower than this (a few viewers still do not all come back in the same second). */
export const MIN_SPREAD_MS = 30_000;
/** Pages that asked before the window check in over this long before it opens. */
export const CHECK_IN_MS = 60_000;
/** A page this close to its moment is served now (the waiter count read on another instance may lag a little). */
export const MOMENT_TOLERANCE_MS = 5_000;
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

/**
 * A viewer's place in the spread of one live and start, in [0, 1): the same on every instance and every time they
 * ask, so a page that comes back at its moment finds it passed rather than being handed a new one.
 */
export function placeInSpread(waiter: string, livingId: string, startsAt: string): number {
  const digest = createHash('sha256').update(`${waiter}\n${livingId}\n${startsAt}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** When the page at `place` should get its code (epoch ms). */
export function prepareAt(schedule: PrepareSchedule, place: number): number {
  return schedule.startMs - READY_BEFORE_START_MS - place * spreadMs(schedule);
}

/** When a page that asked before the window should check in to be given its moment (epoch ms). */
export function checkInAt({ startMs, windowMs }: Pick<PrepareSchedule, 'startMs' | 'windowMs'>, place: number) {
  return startMs - windowMs - CHECK_IN_MS + place * CHECK_IN_MS;
}

/** Whether a page asking at `now` is early enough to be told to check in rather than given its moment. */
export function beforeCheckIn({ startMs, windowMs }: Pick<PrepareSchedule, 'startMs' | 'windowMs'>, now: number) {
  return now < startMs - windowMs - CHECK_IN_MS;
}
