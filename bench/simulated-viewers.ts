/**
 * Helpers of the benches that play many viewers on a moved clock (`surge.ts`, `start-rush.ts`): run their requests
 * a batch at a time, and read the figures off what happened.
 */

/** The `p`-quantile (0–1) of ascending `sorted`. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** The most of ascending `times` within any `windowMs` (a sliding window, as WeCom counts). */
export function maxInWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j]! <= times[i]! - windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
