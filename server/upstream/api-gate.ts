import type { Store } from '../store/store';

/** Why calls to an API are held back. */
export type GateReason = 'rate_limited' | 'unavailable';

export interface GateState {
  reason: GateReason;
  until: number;
}

/**
 * Holds calls to one upstream API back for a while: after the platform says a frequency limit is reached (the
 * window lasts 60 s) or while it is down, calling again only makes things worse. Kept in the store so that, with
 * a shared store, one instance's lesson holds for all. `scope` names the platform and app, whose limits these are.
 */
export interface ApiGate {
  /** The active hold on `api`, if any. */
  check(api: string): Promise<GateState | undefined>;
  close(api: string, reason: GateReason, forMs: number): Promise<void>;
}

export function createApiGate(store: Store, scope: string, now: () => number = Date.now): ApiGate {
  const key = (api: string) => `gate:${scope}:${api}`;
  return {
    async check(api) {
      const state = await store.get<GateState>(key(api));
      return state && state.until > now() ? state : undefined;
    },
    async close(api, reason, forMs) {
      if (forMs <= 0) return;
      await store.set<GateState>(key(api), { reason, until: now() + forMs }, forMs);
    },
  };
}
