import type { LiveCard } from '../../../shared/live-card';

/**
 * Sets the card WeChat shows when an H5 live page is shared (`use-share-card.h5.ts`). The mini program shares
 * through `useShareAppMessage`/`useShareTimeline` in the page instead, so here it does nothing.
 */
export function useShareCard(_live: LiveCard | undefined, _replay: boolean): void {}
