/**
 * Counts calls per key in one-minute windows, as WeCom's "per API per corp per minute" limit does. A window
 * opens with the first call after the previous one closed and lasts 60 s; once `limit` calls were allowed in
 * it, every further call is refused until it closes (the "blocked for the rest of the minute" behaviour).
 * Windows are not aligned to clock minutes so a test running on the real clock cannot straddle a boundary.
 */
export function createMinuteWindowLimiter(now: () => number) {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    /** Counts one call; false when it is over the limit. Refused calls do not count. */
    take(key: string, limit: number): boolean {
      let window = windows.get(key);
      if (!window || now() - window.startedAt >= 60_000) windows.set(key, (window = { startedAt: now(), count: 0 }));
      if (window.count >= limit) return false;
      window.count++;
      return true;
    },
    clear(): void {
      windows.clear();
    },
  };
}

export type MinuteWindowLimiter = ReturnType<typeof createMinuteWindowLimiter>;
