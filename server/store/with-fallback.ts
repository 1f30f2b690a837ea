import type { StoreHealth } from './store-health';

/**
 * Runs an operation on the shared side while the store is usable, and on the local side when it is not or the
 * shared side fails (which marks the store unusable for a moment). Shared by the resilient store and budget.
 */
export function withFallback<S>(health: StoreHealth, shared: S, local: S) {
  return async function attempt<T>(op: (side: S) => Promise<T>): Promise<T> {
    if (!health.usable()) return op(local);
    try {
      const result = await op(shared);
      health.succeeded();
      return result;
    } catch (err) {
      health.failed(err);
      return op(local);
    }
  };
}
