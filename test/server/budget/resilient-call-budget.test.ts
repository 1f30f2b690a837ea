import { createMemoryCallBudget } from '../../../server/budget/memory-call-budget';
import { createResilientCallBudget } from '../../../server/budget/resilient-call-budget';
import type { CallBudget } from '../../../server/budget/call-budget';
import { createLogger } from '../../../server/logging/logger';
import { createStoreHealth } from '../../../server/store/store-health';
import { logCapture } from '../../server/harness';

describe('the budget while the shared store is away', () => {
  it("spends only this instance's fair share, from memory, and goes back to the shared budget when it returns", async () => {
    const logs = logCapture();
    const health = createStoreHealth({ logger: createLogger({ level: 'info', destination: logs.stream }) });
    let sharedCalls = 0;
    const shared: CallBudget = {
      admit: async () => {
        sharedCalls++;
        return { admitted: true };
      },
      admitAhead: async () => ({ admitted: true }),
      holdsPlace: async () => false,
    };
    // Four instances were alive when last seen: a budget of 8 a minute leaves 2 for this one.
    const insurance = createMemoryCallBudget({ limits: () => ({ perMinute: 8 / 4, perHour: 100 }) });
    const budget = createResilientCallBudget({ shared, insurance, health });

    health.connected();
    expect(await budget.admit('living/get_living_code')).toEqual({ admitted: true });
    expect(sharedCalls).toBe(1);

    health.disconnected('connection refused');
    const answers = await Promise.all(Array.from({ length: 5 }, () => budget.admit('living/get_living_code')));
    expect(answers.filter((a) => a.admitted)).toHaveLength(2);
    expect(sharedCalls).toBe(1);

    health.connected();
    expect(await budget.admit('living/get_living_code')).toEqual({ admitted: true });
    expect(sharedCalls).toBe(2);
    const events = logs.parsed().map((l) => l.event);
    expect(events.filter((e) => e === 'store_degraded')).toHaveLength(1);
    expect(events.filter((e) => e === 'store_recovered')).toHaveLength(1);
  });

  it('answers from memory when a shared call fails, and leaves the shared side alone for a moment', async () => {
    let t = 0;
    const health = createStoreHealth({ logger: createLogger({ level: 'silent' }), now: () => t, backoffMs: 2000 });
    health.connected();
    let sharedCalls = 0;
    const shared: CallBudget = {
      admit: async () => {
        sharedCalls++;
        throw new Error('Command timed out');
      },
      admitAhead: async () => {
        throw new Error('Command timed out');
      },
      holdsPlace: async () => false,
    };
    const budget = createResilientCallBudget({
      shared,
      insurance: createMemoryCallBudget({ limits: () => ({ perMinute: 10, perHour: 100 }), now: () => t }),
      health,
    });
    expect(await budget.admit('gettoken')).toEqual({ admitted: true });
    expect(await budget.admit('gettoken')).toEqual({ admitted: true });
    expect(sharedCalls).toBe(1);
    t += 2000;
    await budget.admit('gettoken');
    expect(sharedCalls).toBe(2);
  });
});
