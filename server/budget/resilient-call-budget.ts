import type { StoreHealth } from '../store/store-health';
import type { CallBudget } from './call-budget';

/**
 * The cluster-wide budget with an insurance budget behind it: while the shared store is unusable this instance
 * spends only its fair share (the budget divided by the instances last seen), from memory, so that N instances
 * cut off from Redis together still stay within WeCom's quota.
 */
export function createResilientCallBudget({
  shared,
  insurance,
  health,
}: {
  shared: CallBudget;
  insurance: CallBudget;
  health: StoreHealth;
}): CallBudget {
  async function attempt<T>(op: (budget: CallBudget) => Promise<T>): Promise<T> {
    if (!health.usable()) return op(insurance);
    try {
      return await op(shared);
    } catch (err) {
      health.failed(err);
      return op(insurance);
    }
  }
  return {
    admit: (api, queueAs) => attempt((b) => b.admit(api, queueAs)),
    holdsPlace: (api, queueAs) => attempt((b) => b.holdsPlace(api, queueAs)),
  };
}
