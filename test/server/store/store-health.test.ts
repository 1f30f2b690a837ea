import { createResilientStore } from '../../../server/store/resilient-store';
import { createLogger } from '../../../server/logging/logger';
import { createMemoryStore } from '../../../server/store/memory-store';
import type { Store } from '../../../server/store/store';
import { createStoreHealth } from '../../../server/store/store-health';
import { logCapture } from '../harness';

/** A shared store whose next command can be made to time out, as one slow Redis command does. */
function flakyShared(): Store & { failNext(): void } {
  const inner = createMemoryStore();
  let failing = false;
  const guard =
    <A extends unknown[], R>(op: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (failing) {
        failing = false;
        throw new Error('Command timed out');
      }
      return op(...args);
    };
  return {
    get: guard(inner.get) as Store['get'],
    set: guard(inner.set) as Store['set'],
    delete: guard(inner.delete) as Store['delete'],
    take: guard(inner.take) as Store['take'],
    add: guard(inner.add) as Store['add'],
    deleteIfEqual: guard(inner.deleteIfEqual) as Store['deleteIfEqual'],
    singleFlight: guard(inner.singleFlight) as Store['singleFlight'],
    failNext: () => void (failing = true),
  };
}

describe('store health', () => {
  it('is well again after one slow command, once a command on the live connection works (no reconnect needed)', async () => {
    let t = 0;
    const logs = logCapture();
    const health = createStoreHealth({
      logger: createLogger({ level: 'info', destination: logs.stream }),
      now: () => t,
      backoffMs: 2000,
    });
    health.connected();
    const shared = flakyShared();
    const store = createResilientStore({ shared, local: createMemoryStore({ now: () => t }), health });

    shared.failNext();
    await store.set('k', 1, 60_000); // answered from memory; the shared side is skipped for a moment
    expect(health.degraded()).toBe(true);
    t += 2000;
    await store.get('k');
    expect(health.degraded()).toBe(false);
    const events = logs.parsed().map((l) => l.event);
    expect(events).toEqual(['store_degraded', 'store_recovered']);
  });

  it('stays degraded while the connection is down, whatever the memory side answers', async () => {
    const health = createStoreHealth({ logger: createLogger({ level: 'silent' }) });
    health.connected();
    health.disconnected('connection refused');
    health.succeeded();
    expect(health.degraded()).toBe(true);
  });
});
