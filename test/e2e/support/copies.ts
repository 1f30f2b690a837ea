import type { Page } from 'playwright-core';

/** From now on, what the page copies (the selection each `copy` event carries) is kept for `copiedTexts`. */
export const recordCopies = (page: Page) =>
  page.evaluate(() => {
    const copies: string[] = [];
    (window as unknown as { __copies: string[] }).__copies = copies;
    document.addEventListener('copy', () => {
      const area = document.activeElement as HTMLTextAreaElement | null;
      copies.push(area?.tagName === 'TEXTAREA' ? area.value.slice(area.selectionStart, area.selectionEnd) : '');
    });
  });

/** What the page has copied since `recordCopies`. */
export const copiedTexts = (page: Page) => page.evaluate(() => (window as unknown as { __copies: string[] }).__copies);
