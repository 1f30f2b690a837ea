import type { Browser, Page } from 'playwright-core';
import { newPhoneContext } from '../../test/e2e/support';
import { cumulativeLayoutShift, type LayoutShift } from './layout-shift';

/** How much slower than this machine's the phone's CPU is (CDP `Emulation.setCPUThrottlingRate`). */
export const CPU_SLOWDOWN = 4;

/** A network for the runs: `latencyMs` is added to every request's round trip. */
export interface Network {
  name: string;
  latencyMs: number;
}

/**
 * Layout shifts count until the page has settled: its network idle, the app's take-over of server-rendered
 * markup (`#first-screen`, removed when the app renders) done, then this long more…
 */
const AFTER_TAKE_OVER_MS = 1000;
/** …and at least this long after the first card painted. */
const AFTER_FIRST_CARD_MS = 1500;
const TIMEOUT_MS = 30_000;

/** One cold visit: when its first card painted, and the layout shifts until it settled. */
export interface PageVisit {
  /** Navigation start → the animation frame that first painted a card matching the selector. */
  firstCardMs: number;
  /** Cumulative Layout Shift as Chromium's web-vitals define it: the largest session window of shifts. */
  cls: number;
  shifts: LayoutShift[];
}

/** The console line the page writes in the frame that paints its first card: this prefix, then the time. */
const FIRST_CARD_LINE = 'bench:first-card ';

/**
 * Runs in the page before any of its scripts: in the first animation frame after a card matching `selector` is in
 * the DOM with a size, i.e. the frame that paints it, writes `performance.now()` (ms since navigation start) to the
 * console. The console, not a global polled with `waitForFunction`: polling makes Playwright compile its injected
 * script in the page (~100–150 ms of main thread at 4× CPU), which landed between the parser's chunks of the pages
 * being timed and delayed their first card by the bench's own doing.
 * A string, not a function: tsx's transform would add helpers (`__name`) that do not exist in the page.
 */
const recordFirstCard = (selector: string) => `(() => {
  const selector = ${JSON.stringify(selector)};
  const observer = new MutationObserver(() => {
    const card = document.querySelector(selector);
    if (!card || card.getBoundingClientRect().height === 0) return;
    observer.disconnect();
    requestAnimationFrame(() => console.debug(${JSON.stringify(FIRST_CARD_LINE)} + performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

/**
 * Runs in the page before any of its scripts: keeps every layout shift Chromium reports from navigation on
 * (`buffered`), except those right after user input, which CLS does not count (there is no input in the bench).
 */
const recordLayoutShifts = `(() => {
  window.__layoutShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__layoutShifts.push({ startTime: entry.startTime, value: entry.value });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

type Recorded = { __layoutShifts: LayoutShift[] };

/**
 * Opens `url` in a fresh phone context (empty cache, no storage) with the CPU throttled and `network`'s round
 * trip, and measures the first card and the layout shifts; the same for the app's pages and the static baseline.
 */
export async function visitPage(browser: Browser, url: string, selector: string, network: Network): Promise<PageVisit> {
  const context = await newPhoneContext(browser);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    if (network.latencyMs > 0) {
      await cdp.send('Network.enable');
      // -1: no bandwidth limit; only the round trip changes.
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: network.latencyMs,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    }
    await page.addInitScript(recordFirstCard(selector));
    await page.addInitScript(recordLayoutShifts);
    const firstCardLine = page.waitForEvent('console', {
      predicate: (message) => message.text().startsWith(FIRST_CARD_LINE),
      timeout: TIMEOUT_MS,
    });
    await page.goto(url, { waitUntil: 'commit' });
    const firstCardMs = Number((await firstCardLine).text().slice(FIRST_CARD_LINE.length));
    await settle(page, firstCardMs);
    const shifts = await page.evaluate(() => (window as unknown as Recorded).__layoutShifts);
    return { firstCardMs: Math.round(firstCardMs), cls: cumulativeLayoutShift(shifts), shifts };
  } finally {
    await context.close();
  }
}

/**
 * Waits until the page is done moving things: no request for 500 ms (Playwright's `networkidle`; the app has
 * loaded its chunks and first data), `#first-screen` gone if the BFF sent one (at once if it did not), then
 * {@link AFTER_TAKE_OVER_MS}, and no earlier than {@link AFTER_FIRST_CARD_MS} after the first card.
 */
async function settle(page: Page, firstCardMs: number): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS });
  await page.waitForSelector('#first-screen', { state: 'detached', timeout: TIMEOUT_MS });
  await page.waitForTimeout(AFTER_TAKE_OVER_MS);
  const sinceNavigationMs = await page.evaluate(() => performance.now());
  const more = firstCardMs + AFTER_FIRST_CARD_MS - sinceNavigationMs;
  if (more > 0) await page.waitForTimeout(more);
}
