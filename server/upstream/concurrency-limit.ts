/**
 * At most `limit` tasks run at once; the rest wait in arrival order. Keeps one BFF from opening thousands of
 * simultaneous calls to one WeCom API (errcode 45033, "too many concurrent calls").
 */
export function createConcurrencyLimit(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    running--;
    waiting.shift()?.();
  };

  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
