export interface LogThrottleOptions {
  /** Lines let through per window; the rest are counted. */
  perWindow: number;
  windowMs?: number;
  now?: () => number;
  /** Called once for a window in which lines were dropped, with how many: write the summary line here. */
  onDropped: (dropped: number, windowMs: number) => void;
}

/**
 * At most `perWindow` lines of one kind per window, and one summary line of how many were dropped: a flood of
 * requests anyone can send (refused callbacks) cannot flood the log. The summary is written when the next line of
 * the kind arrives after the window, or by a timer at the window's end (unref'd: it never keeps the process up).
 */
export function createLogThrottle({ perWindow, windowMs = 60_000, now = Date.now, onDropped }: LogThrottleOptions) {
  let windowStart = -Infinity;
  let passed = 0;
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (dropped > 0) onDropped(dropped, windowMs);
    dropped = 0;
  };

  return {
    /** `true` when this line may be written. */
    allow(): boolean {
      const at = now();
      if (at - windowStart >= windowMs) {
        flush();
        windowStart = at;
        passed = 0;
      }
      if (passed < perWindow) {
        passed++;
        return true;
      }
      dropped++;
      timer ??= setTimeout(flush, Math.max(0, windowStart + windowMs - at)).unref();
      return false;
    },
    /** Writes the pending summary now (at shutdown, in tests). */
    flush,
  };
}
