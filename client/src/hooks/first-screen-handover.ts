import type { RefObject } from 'react';

/**
 * The mini program draws its first screen itself: there is nothing to take over (`first-screen-handover.h5.ts`).
 */
export function followFirstScreenScroll(): void {}

export function useFirstScreenHandover(_drawn: boolean, _page: RefObject<unknown>): void {}
