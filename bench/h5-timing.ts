/**
 * `npx tsx bench/h5-timing.ts [--runs N] [--strict]`: how long a viewer on a slow phone waits for the first live
 * card, from the H5 build in dist/h5 (`npm run build:h5` first), and the H5 first-page JS size.
 *
 * The BFF and sandbox run in this process on loopback; Chromium runs headless with the CPU throttled 4× (CDP
 * `Emulation.setCPUThrottlingRate`), a phone viewport and a fresh context per run, so every run is a cold entry
 * (empty HTTP cache, no storage). Each figure is navigation start (`performance.timeOrigin`) → the animation frame
 * that first paints a real card (not the skeleton), for the home page and for a live page deep link.
 * The network is loopback and unthrottled: this measures the client's own cost (parse, run, render, one API call).
 *
 * Budget 1.5 s for both (the median; the max is shown against it too). Reports; exits non-zero only with `--strict`
 * when a median is over.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SANDBOX_LIVES } from '../server/sandbox';
import { launchChromium, newPhoneContext, requireH5Build, startBffStack } from '../test/e2e/support';

export const FIRST_CARD_BUDGET_MS = 1500;
export const CPU_SLOWDOWN = 4;

export interface PageTiming {
  name: string;
  path: string;
  runsMs: number[];
  medianMs: number;
  maxMs: number;
}

const TARGETS = [
  { name: 'home', path: '/', card: '.home .live-card:not(.skeleton)' },
  {
    name: 'live page (deep link)',
    path: `/pages/live/index?id=${SANDBOX_LIVES.living}`,
    card: '.live-page .live-card:not(.skeleton)',
  },
];

/**
 * Runs in the page before any of its scripts: records `performance.now()` (ms since navigation start) in the
 * first animation frame after a card matching `selector` is in the DOM with a size, i.e. the frame that paints it.
 * A string, not a function: tsx's transform would add helpers (`__name`) that do not exist in the page.
 */
const recordFirstCard = (selector: string) => `(() => {
  const selector = ${JSON.stringify(selector)};
  const observer = new MutationObserver(() => {
    const card = document.querySelector(selector);
    if (!card || card.getBoundingClientRect().height === 0) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstCardMs = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

async function timeFirstCard(browser: Browser, url: string, selector: string): Promise<number> {
  const context = await newPhoneContext(browser);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.addInitScript(recordFirstCard(selector));
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => (window as unknown as { __firstCardMs?: number }).__firstCardMs,
      undefined,
      { timeout: 30_000 },
    );
    return Math.round((await handle.jsonValue()) as number);
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};

/** Median and max time to the first card, per target page, over `runs` cold entries each. */
export async function measureH5Timing({ runs = 5 } = {}): Promise<PageTiming[]> {
  requireH5Build();
  const stack = await startBffStack({ logLevel: 'warn' });
  const browser = await launchChromium();
  try {
    const results: PageTiming[] = [];
    for (const { name, path, card } of TARGETS) {
      const runsMs: number[] = [];
      for (let i = 0; i < runs; i++) runsMs.push(await timeFirstCard(browser, `${stack.baseUrl}${path}`, card));
      results.push({ name, path, runsMs, medianMs: median(runsMs), maxMs: Math.max(...runsMs) });
    }
    return results;
  } finally {
    await browser.close();
    await stack.close();
  }
}

/** bench/client-size.ts only runs as a script, so its H5 figure is read from its output. */
function h5FirstPageJs(): string {
  const script = join(__dirname, 'client-size.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
  if (result.status !== 0) return `bench/client-size.ts failed (${result.status}): ${result.stderr.trim()}`;
  const line = result.stdout.split('\n').find((l) => l.startsWith('first page'));
  return line ?? result.stdout.trim();
}

async function main() {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a positive integer');

  console.log('# H5 timing');
  console.log(
    `Chromium headless, CPU ${CPU_SLOWDOWN}× slower, 390×844 phone, cold context per run, loopback BFF + sandbox; ` +
      `navigation start → first live card painted, ${runs} runs each\n`,
  );
  const timings = await measureH5Timing({ runs });
  let over = false;
  for (const t of timings) {
    const verdict = (ms: number) => (ms <= FIRST_CARD_BUDGET_MS ? 'within' : 'OVER');
    over ||= t.medianMs > FIRST_CARD_BUDGET_MS;
    console.log(`${t.name} (${t.path})`);
    console.log(`  runs: ${t.runsMs.join(', ')} ms`);
    console.log(
      `  median ${t.medianMs} ms (${verdict(t.medianMs)}), max ${t.maxMs} ms (${verdict(t.maxMs)}) — ` +
        `budget ≤ ${FIRST_CARD_BUDGET_MS} ms`,
    );
  }
  console.log(`\nH5 ${h5FirstPageJs()}`);
  if (over && process.argv.includes('--strict')) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
