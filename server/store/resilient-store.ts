import type { StoreHealth } from './store-health';
import type { Store } from './store';
import { StoreUnavailableError } from './store-unavailable-error';
import { withFallback } from './with-fallback';

/**
 * The shared store with memory behind it: Redis trouble is not an outage. While the shared store is unusable every
 * operation goes to this instance's memory store (cards and tokens it holds keep answering, flights are shared
 * within the process), and nothing waits on a dead connection. A failing command marks the store unusable for a
 * moment and is answered from memory instead.
 */
export function createResilientStore({
  shared,
  local,
  health,
}: {
  shared: Store;
  local: Store;
  health: StoreHealth;
}): Store {
  const attempt = withFallback(health, shared, local);

  return {
    get: (key) => attempt((s) => s.get(key)),
    set: (key, value, ttlMs) => attempt((s) => s.set(key, value, ttlMs)),
    delete: (key) => attempt((s) => s.delete(key)),
    take: (key) => attempt((s) => s.take(key)),
    add: (key, value, ttlMs) => attempt((s) => s.add(key, value, ttlMs)),
    deleteIfEqual: (key, expected) => attempt((s) => s.deleteIfEqual(key, expected)),
    async singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
      if (!health.usable()) return local.singleFlight(key, work);
      try {
        const result = await shared.singleFlight(key, work);
        health.succeeded();
        return result;
      } catch (err) {
        // The work's own failure (here or on the instance that ran it) is the answer; the store's is not.
        if (!(err instanceof StoreUnavailableError)) throw err;
        health.failed(err);
        return local.singleFlight(key, work);
      }
    },
  };
}
