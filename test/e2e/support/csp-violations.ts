import type { BrowserContext, Page } from 'playwright-core';

/** Chromium's console line for a blocked load or script: "Refused to … violates the … Content Security Policy …". */
const CSP_CONSOLE = /Content[ -]Security[ -]Policy/i;

/**
 * An init script (every document and frame of the context, before any of its own scripts): each
 * `securitypolicyviolation` is kept in `window.__cspViolations` and reported at once to the test
 * (`__reportCspViolation`), so one that happens just before a navigation is not lost with its document.
 * A string, not a function: the test transform would add helpers that do not exist in the page.
 */
const LISTENER = `(() => {
  const found = (window.__cspViolations = window.__cspViolations || []);
  document.addEventListener('securitypolicyviolation', (e) => {
    let text = e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' in ' + location.href +
      (e.sourceFile ? ' (' + e.sourceFile + ':' + e.lineNumber + ')' : '') + (e.sample ? ' sample: ' + e.sample : '');
    text = text.slice(0, 400);
    found.push(text);
    if (typeof window.__reportCspViolation === 'function') window.__reportCspViolation(text);
  }, true);
})();`;

const watched = new Set<BrowserContext>();
const reported: string[] = [];

/**
 * Records every Content-Security-Policy violation in `context` from now on: the `securitypolicyviolation` events
 * of its documents (see `LISTENER`) and Chromium's console messages about CSP. Read them with
 * `takeCspViolations`, which every end-to-end test calls when it ends.
 */
export async function watchCsp(context: BrowserContext): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  context.once('close', () => watched.delete(context));
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => void reported.push(text));
  await context.addInitScript(LISTENER);
  const onPage = (page: Page) =>
    page.on('console', (message) => {
      // Cut: a blocked data: URL is quoted whole.
      if (CSP_CONSOLE.test(message.text())) reported.push(`console ${message.type()}: ${message.text().slice(0, 400)}`);
    });
  context.pages().forEach(onPage);
  context.on('page', onPage);
}

/**
 * Every violation recorded since the last call (in every watched context, open or closed since), and forgets
 * them: what was reported, plus what the open documents hold in `window.__cspViolations` and have not reported
 * yet. An empty list is what a test expects.
 */
export async function takeCspViolations(): Promise<string[]> {
  const inPages = await Promise.all(
    [...watched].flatMap((context) =>
      context
        .pages()
        .flatMap((page) =>
          page
            .frames()
            .map((frame) =>
              frame
                .evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
                .catch(() => [] as string[]),
            ),
        ),
    ),
  );
  const all = [...new Set([...reported, ...inPages.flat()])];
  reported.length = 0;
  for (const context of watched) {
    for (const page of context.pages()) {
      for (const frame of page.frames()) {
        await frame
          .evaluate(() => {
            const found = (window as unknown as { __cspViolations?: string[] }).__cspViolations;
            if (found) found.length = 0;
          })
          .catch(() => undefined);
      }
    }
  }
  return all;
}
