import type { RefObject } from 'react';

/**
 * Makes the box the page scrolls in reachable from the keyboard, named `label`. The mini program scrolls the page
 * natively, so there is nothing to do here; the H5 variant (`page-scroll-region.h5.ts`) does the work.
 */
export function usePageScrollRegion(_page: RefObject<unknown>, _label: string): void {}
