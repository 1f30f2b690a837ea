/**
 * `npx tsx bench/h5-timing.ts [--runs N] [--compare DIR] [--strict]`: how long a viewer on a slow phone waits for
 * the first live card, from the H5 build in dist/h5 (`npm run build:h5` first).
 *
 * The BFF and sandbox run in this process on loopback; Chromium runs headless with the CPU throttled 4× (CDP
 * `Emulation.setCPUThrottlingRate`), a phone viewport and a fresh context per run, so every run is a cold entry
 * (empty HTTP cache, no storage). Each figure is navigation start (`performance.timeOrigin`) → the animation frame
 * that first paints a real card (not the skeleton), for the home page and for a live page deep link.
 *
 * Two networks: plain loopback (the budget's setting: the client's own cost — parse, run, render, one API call)
 * and loopback with a mobile round trip added to every request (CDP `Network.emulateNetworkConditions`), which is
 * where the order of requests shows. Budget 1.5 s on loopback (the median; the max is shown against it too).
 *
 * `--compare DIR` times a second H5 build (e.g. one built from another commit) in the same run, its runs
 * interleaved with this build's, and prints the ratio of the medians: on a noisy machine only a ratio measured
 * in one run says whether a change helped. Reports; exits non-zero only with `--strict` when a loopback median of
 * dist/h5 is over budget.
 */
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { SANDBOX_LIVES } from '../sandbox';
import { H5_DIR, launchChromium, newPhoneContext, requireH5Build, startBffStack } from '../test/e2e/support';

export const FIRST_CARD_BUDGET_MS = 1500;
export const CPU_SLOWDOWN = 4;

/** A network for the runs: `latencyMs` is added to every request's round trip. */
interface Network {
  name: string;
  latencyMs: number;
  budgeted: boolean;
}

const NETWORKS: Network[] = [
  { name: 'loopback', latencyMs: 0, budgeted: true },
  { name: 'loopback + 150 ms round trip (a mobile network)', latencyMs: 150, budgeted: false },
];

const TARGETS = [
  { name: 'home', path: '/', card: '.home .live-card:not(.skeleton)' },
  {
    name: 'live page (deep link)',
    path: `/pages/live/index?id=${SANDBOX_LIVES.living}`,
    card: '.live-page .live-card:not(.skeleton)',
  },
];

export interface PageTiming {
  network: string;
  page: string;
  /** Per build timed, in the order given. */
  builds: Array<{ dir: string; runsMs: number[]; medianMs: number; maxMs: number }>;
}

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

async function timeFirstCard(browser: Browser, url: string, selector: string, network: Network): Promise<number> {
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

/**
 * Time to the first card per network and page, over `runs` cold entries of each build in `dirs` (each served by
 * its own BFF + sandbox); the builds take turns run by run, so they share whatever the machine is doing.
 */
export async function measureH5Timing({ runs = 5, dirs = [H5_DIR] } = {}): Promise<PageTiming[]> {
  dirs.forEach((dir) => requireH5Build(dir));
  const stacks = await Promise.all(dirs.map((h5Dir) => startBffStack({ logLevel: 'warn', h5Dir })));
  const browser = await launchChromium();
  try {
    const results: PageTiming[] = [];
    for (const network of NETWORKS) {
      for (const { name, path, card } of TARGETS) {
        const runsMs = dirs.map((): number[] => []);
        for (let i = 0; i < runs; i++) {
          for (const [b, stack] of stacks.entries()) {
            runsMs[b]!.push(await timeFirstCard(browser, `${stack.baseUrl}${path}`, card, network));
          }
        }
        results.push({
          network: network.name,
          page: `${name} (${path})`,
          builds: dirs.map((dir, b) => ({
            dir,
            runsMs: runsMs[b]!,
            medianMs: median(runsMs[b]!),
            maxMs: Math.max(...runsMs[b]!),
          })),
        });
      }
    }
    return results;
  } finally {
    await browser.close();
    await Promise.all(stacks.map((stack) => stack.close()));
  }
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

async function main() {
  const runs = Number(argValue('--runs') ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a positive integer');
  const compare = argValue('--compare');
  const dirs = compare ? [H5_DIR, resolve(compare)] : [H5_DIR];

  console.log('# H5 timing');
  console.log(
    `Chromium headless, CPU ${CPU_SLOWDOWN}× slower, 390×844 phone, cold context per run, BFF + sandbox on ` +
      `loopback; navigation start → first live card painted, ${runs} runs each` +
      (compare ? `, interleaved with the build in ${dirs[1]}` : ''),
  );
  const timings = await measureH5Timing({ runs, dirs });
  let over = false;
  for (const network of NETWORKS) {
    console.log(`\n## ${network.name}${network.budgeted ? ` — budget ≤ ${FIRST_CARD_BUDGET_MS} ms` : ''}`);
    for (const t of timings.filter((timing) => timing.network === network.name)) {
      console.log(t.page);
      for (const [b, build] of t.builds.entries()) {
        const verdict = (ms: number) => (ms <= FIRST_CARD_BUDGET_MS ? 'within' : 'OVER');
        if (network.budgeted && b === 0) over ||= build.medianMs > FIRST_CARD_BUDGET_MS;
        const label = b === 0 ? 'dist/h5' : build.dir;
        const figures = network.budgeted
          ? `median ${build.medianMs} ms (${verdict(build.medianMs)}), max ${build.maxMs} ms (${verdict(build.maxMs)})`
          : `median ${build.medianMs} ms, max ${build.maxMs} ms`;
        console.log(`  ${label}: ${figures}; runs ${build.runsMs.join(', ')}`);
      }
      if (t.builds.length === 2) {
        console.log(
          `  ratio of medians dist/h5 / compared: ${(t.builds[0]!.medianMs / t.builds[1]!.medianMs).toFixed(3)}`,
        );
      }
    }
  }
  if (over && process.argv.includes('--strict')) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
