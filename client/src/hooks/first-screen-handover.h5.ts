import { useLayoutEffect, type RefObject } from 'react';
import { FIRST_SCREEN_ID } from '../../../shared/first-screen';

/**
 * H5: the BFF drew the page's first screen into the HTML, over the app's root (`#first-screen`). Once the page has
 * drawn its own (`drawn`: anything but its loading state), the drawn one goes, in the same commit, before the
 * browser paints again: no frame without a card, no second skeleton. Where the viewer had scrolled it, the page's
 * own scroll container (`.taro_page`) is scrolled to. `page` is a ref to an element inside the page.
 */
export function useFirstScreenHandover(drawn: boolean, page: RefObject<unknown>): void {
  useLayoutEffect(() => {
    if (!drawn) return;
    const screen = document.getElementById(FIRST_SCREEN_ID);
    if (!screen) return;
    const inside = page.current;
    const container = inside instanceof HTMLElement ? inside.closest<HTMLElement>('.taro_page') : null;
    if (container && screen.scrollTop > 0) container.scrollTop = screen.scrollTop;
    screen.remove();
  }, [drawn, page]);
}
