import type { Store } from '../store/store';

/** Why calls to an API are held back. */
export type GateReason = 'rate_limited' | 'unavailable';

export interface GateState {
  reason: GateReason;
  until: number;
}

/**
 * Holds calls to one upstream API back for a while: after WeCom says the frequency limit is reached (45009, the
 * window lasts 60 s) or while it is down, calling again only makes things worse. Kept in the store so that, with
 * a shared store, one instance's lesson holds for all.
 */
export interface ApiGate {
  /** The active hold on `api`, if any. */
  check(api: string): Promise<GateState | undefined>;
  close(api: string, reason: GateReason, forMs: number): Promise<void>;
}

export function createApiGate(store: Store, now: () => number = Date.now): ApiGate {
  const key = (api: string) => `gate:${api}`;
  return {
    async check(api) {
      const state = await store.get<GateState>(key(api));
      return state && state.until > now() ? state : undefined;
    },
    async close(api, reason, forMs) {
      await store.set<GateState>(key(api), { reason, until: now() + forMs }, forMs);
    },
  };
}
