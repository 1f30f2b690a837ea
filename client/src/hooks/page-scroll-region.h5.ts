import { useEffect, type RefObject } from 'react';

/**
 * H5: Taro's router scrolls each page inside its own container (`.taro_page`, `overflow-y: scroll`), not the
 * document. Its buttons are not focusable elements, so without this a keyboard could not scroll a long page
 * (axe's `scrollable-region-focusable`, WCAG 2.1.1): the container becomes focusable, a region named `label`.
 * `page` is a ref to an element inside the page.
 */
export function usePageScrollRegion(page: RefObject<unknown>, label: string): void {
  useEffect(() => {
    const inside = page.current;
    const container = inside instanceof HTMLElement ? inside.closest<HTMLElement>('.taro_page') : null;
    if (!container) return;
    container.tabIndex = 0;
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', label);
  }, [page, label]);
}
