/**
 * How long a live may be booked for, checked alike by the console's form (in minutes) and the BFF (in seconds):
 * a whole number of seconds, at least one, at most a day. WeCom documents no limit of its own for
 * `living_duration`; a day is ours: anything longer is a typo (minutes for hours), not a live.
 */
export const LIVE_DURATION_MAX_SECONDS = 24 * 3600;

export const isLiveDurationSeconds = (seconds: number): boolean =>
  Number.isInteger(seconds) && seconds >= 1 && seconds <= LIVE_DURATION_MAX_SECONDS;
