import type { IdSet } from '../store/id-set';
import type { Store } from '../store/store';

export interface KnownLivesOptions {
  /** The featured ids (`LIVE_IDS`): known by configuration. */
  featured: string[];
  /** The lives this app created (`living/create`), kept for every instance. */
  createdLives?: IdSet;
  /** Where learned ids are kept: the shared store, so every instance knows what one of them learned. */
  store: Store;
  /** How long a learned id stays known after it was last learned. */
  rememberMs?: number;
}

const knownKey = (livingId: string) => `live-known:${livingId}`;

/**
 * The lives this deployment knows, as opposed to ids a client made up: featured, on an anchor's list, created by
 * this app, pushed by WeCom's callback or confirmed by WeCom before (a card was fetched). A lookup of a known live
 * goes straight to WeCom; anything else goes through the capped lane for unknown lives (`unknown-live-lane.ts`).
 * Only WeCom's word or the configuration teaches an id, so nothing a client sends can make its ids known.
 */
export function createKnownLives({
  featured,
  createdLives,
  store,
  rememberMs = 30 * 24 * 3600_000,
}: KnownLivesOptions) {
  const configured = new Set(featured);
  return {
    async has(livingId: string): Promise<boolean> {
      if (configured.has(livingId)) return true;
      // Asked together: each may wait for a Redis that is going away. The created set away, a created live is
      // still known from the card its creation fetched (learned, cached).
      const [learned, created] = await Promise.all([
        store.get<boolean>(knownKey(livingId)),
        createdLives?.has(livingId).catch(() => false),
      ]);
      return learned === true || created === true;
    },
    /** WeCom named these lives (an anchor's list, a callback, a card): known from now on, on every instance. */
    async learn(livingIds: Iterable<string>): Promise<void> {
      await Promise.all([...livingIds].map((id) => store.set(knownKey(id), true, rememberMs)));
    },
  };
}

export type KnownLives = ReturnType<typeof createKnownLives>;
