export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  baseMs?: number;
  maxMs?: number;
}

/** Exponential back-off with full jitter: retry n (0-based) waits a random time up to base·2ⁿ, capped. */
export function backoffDelay(retry: number, { baseMs = 100, maxMs = 2000 }: BackoffOptions = {}): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
