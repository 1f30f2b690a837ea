import { FIRST_SCREEN_DATA_ID, type FirstScreenData } from '../../../shared/first-screen';
import type { FirstLive, FirstLives } from './first-screen';

export type { FirstLive, FirstLives };

/** Read from the document once; `taken` once a page has used it, so a later visit of the same page asks afresh. */
let data: FirstScreenData | undefined | null = null;
let taken = false;

function read(): FirstScreenData | undefined {
  if (data === null) {
    const text = document.getElementById(FIRST_SCREEN_DATA_ID)?.textContent;
    try {
      data = text ? (JSON.parse(text) as FirstScreenData) : undefined;
    } catch {
      data = undefined; // a page cut short: the app asks as it would without one
    }
  }
  return taken ? undefined : data;
}

/** The document was asked for at navigation start: what it carries was current then. */
const drawnAt = () => Math.round(performance.timeOrigin);

/**
 * H5: the live page's card from the `<script type="application/json">` the BFF put in the HTML (`h5-pages.ts`),
 * if it is the card of `livingId`; once.
 */
export function takeFirstLive(livingId: string): FirstLive | undefined {
  const first = read();
  if (first?.page !== 'live' || first.live.livingId !== livingId) return undefined;
  taken = true;
  return { live: first.live, etag: first.etag, drawnAt: drawnAt() };
}

/** H5: the home page's list from the HTML, once. */
export function takeFirstLives(): FirstLives | undefined {
  const first = read();
  if (first?.page !== 'home') return undefined;
  taken = true;
  return { lives: first.lives, drawnAt: drawnAt() };
}

export function hasFirstScreen(): boolean {
  return read() !== undefined;
}
