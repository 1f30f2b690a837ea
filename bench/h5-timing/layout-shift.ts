/** One `layout-shift` performance entry, as much of it as CLS needs. */
export interface LayoutShift {
  /** ms since navigation start. */
  startTime: number;
  value: number;
}

/** A session window ends when the next shift comes more than this long after the previous one… */
const SESSION_GAP_MS = 1000;
/** …or when the window has lasted this long. */
const SESSION_MAX_MS = 5000;

/**
 * Cumulative Layout Shift of one visit as Chromium and web-vitals define it: shifts are grouped into session
 * windows (a gap over 1 s or a window over 5 s starts a new one) and CLS is the largest window's sum. For a visit
 * of a few seconds this is nearly always the sum of all shifts.
 */
export function cumulativeLayoutShift(shifts: readonly LayoutShift[]): number {
  let largest = 0;
  let window = 0;
  let windowStart = -Infinity;
  let previous = -Infinity;
  for (const { startTime, value } of [...shifts].sort((a, b) => a.startTime - b.startTime)) {
    if (startTime - previous > SESSION_GAP_MS || startTime - windowStart > SESSION_MAX_MS) {
      window = 0;
      windowStart = startTime;
    }
    window += value;
    previous = startTime;
    largest = Math.max(largest, window);
  }
  return largest;
}
