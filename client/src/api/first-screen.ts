import type { LiveCard } from '../../../shared/live-card';

/**
 * The data of the page's first screen when the BFF drew one into the HTML (`first-screen.h5.ts`). The mini program
 * has no HTML: its first render is local already, so there is never any.
 */
export interface FirstLive {
  live: LiveCard;
  etag: string;
  /** When the document holding it was asked for (ms since the epoch): the card was current then. */
  drawnAt: number;
}

export interface FirstLives {
  lives: LiveCard[];
  drawnAt: number;
}

/** The live page's card, once, if the HTML carried the card of `livingId`. */
export function takeFirstLive(_livingId: string): FirstLive | undefined {
  return undefined;
}

/** The home page's list, once, if the HTML carried it. */
export function takeFirstLives(): FirstLives | undefined {
  return undefined;
}

/** Whether the HTML carried a first screen's data at all (then nothing needs fetching early). */
export function hasFirstScreen(): boolean {
  return false;
}
