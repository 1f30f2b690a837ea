import type { StoreHealth } from '../store/store-health';
import type { CallBudget } from './call-budget';
import { withFallback } from '../store/with-fallback';

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
  const attempt = withFallback(health, shared, insurance);
  return {
    admit: (api, queueAs) => attempt((b) => b.admit(api, queueAs)),
    admitAhead: (api, headroom) => attempt((b) => b.admitAhead(api, headroom)),
    holdsPlace: (api, queueAs) => attempt((b) => b.holdsPlace(api, queueAs)),
  };
}
