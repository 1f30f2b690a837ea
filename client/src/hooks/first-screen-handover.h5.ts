import { useLayoutEffect, type RefObject } from 'react';
import { FIRST_SCREEN_ID } from '../../../shared/first-screen';

/** Where the viewer has scrolled the first screen to, kept from before the app's page exists (see below). */
let scrolledTo = 0;

/**
 * H5, as the app starts: follows how far the viewer scrolls the first screen. Read at the hand-over it could be
 * wrong: while the router's new page still waits off-screen to the right, a phone browser widens its layout
 * viewport to hold it, the first screen grows as tall, and its scroll position falls back to 0.
 */
export function followFirstScreenScroll(): void {
  const screen = document.getElementById(FIRST_SCREEN_ID);
  if (!screen) return;
  scrolledTo = screen.scrollTop;
  screen.addEventListener('scroll', () => (scrolledTo = screen.scrollTop), { passive: true });
}

/**
 * H5: the BFF drew the page's first screen into the HTML, over the app's root (`#first-screen`). Once the page has
 * drawn its own (`drawn`: anything but its loading state) and the router shows it (`taro_page_show`, which the
 * router adds just after the page's first commit), the drawn one goes, before the browser paints again: no frame
 * without a card, no second skeleton. The page's own scroll container (`.taro_page`) is scrolled to where the
 * viewer had scrolled the first screen. `page` is a ref to an element inside the page.
 */
export function useFirstScreenHandover(drawn: boolean, page: RefObject<unknown>): void {
  useLayoutEffect(() => {
    if (!drawn) return;
    const screen = document.getElementById(FIRST_SCREEN_ID);
    if (!screen) return;
    const inside = page.current;
    const container = inside instanceof HTMLElement ? inside.closest<HTMLElement>('.taro_page') : null;
    const handOver = () => {
      if (container && scrolledTo > 0) container.scrollTop = scrolledTo;
      screen.remove();
    };
    if (!container || container.classList.contains('taro_page_show')) return handOver();
    // A mutation observer's callback runs in the same task as the change it reports: still before the next paint.
    const shown = new MutationObserver(() => {
      if (!container.classList.contains('taro_page_show')) return;
      shown.disconnect();
      handOver();
    });
    shown.observe(container, { attributes: true, attributeFilter: ['class'] });
    return () => shown.disconnect();
  }, [drawn, page]);
}
