/**
 * `npx tsx bench/h5-timing.ts [--runs N] [--compare DIR] [--strict]`: how long a viewer on a slow phone waits for
 * the first live card, from the H5 build in dist/h5 (`npm run build:h5` first), against the fastest those words
 * could paint, and whether the page moves while it loads.
 *
 * The BFF and sandbox run in this process on loopback; Chromium runs headless with the CPU throttled 4× (CDP
 * `Emulation.setCPUThrottlingRate`), a phone viewport and a fresh context per run, so every run is a cold entry
 * (empty HTTP cache, no storage). Each visit records (bench/h5-timing/page-visit.ts):
 * - first card: navigation start (`performance.timeOrigin`) → the animation frame that first paints a real card
 *   (not the skeleton; server-rendered markup counts as soon as it matches), for the home page and for a live page
 *   deep link;
 * - layout shift: CLS (the largest session window of `layout-shift` entries, input-driven ones excluded) from
 *   navigation until the page has settled: its network idle, the app's take-over of any server-rendered
 *   `#first-screen` done, one more second, and at least 1.5 s after the first card.
 *
 * The static baseline: for each page, a static HTML document holding the words of that page's first card (cover
 * glyph and badges, theme, time line, anchor and counts, action label, and on the live page its description), taken
 * from the BFF's `/api/lives` JSON at start and worded as the card words them, under a wrapper with the page's
 * classes, styled by plain inline CSS with the app's system font stack (no web font on either side), and served by
 * a node:http server on loopback (bench/h5-timing/static-baseline.ts). It is visited exactly as the app's pages
 * are, in the same interleaved runs; the ratio of medians first card / static page says how far the app is from
 * painting plain HTML of the same words. Target ≤ 1.5× on both networks.
 *
 * Two networks: plain loopback (the budget's setting: the client's own cost — parse, run, render, one API call)
 * and loopback with a mobile round trip added to every request (CDP `Network.emulateNetworkConditions`), which is
 * where the order of requests shows. Budget 1.5 s on loopback (the median; the max is shown against it too).
 * CLS target ≤ 0.02 on every visit (the max over the runs).
 *
 * `--compare DIR` times a second build in the same run, its runs interleaved with this build's, and prints the ratio
 * of the first-card medians dist/h5 / DIR: on a noisy machine only a ratio measured in one run says whether a change
 * helped. DIR is another checkout (`git worktree add`, node_modules, `npm run build:h5`), served by its own BFF in a
 * process of its own, or just an H5 build, served by this BFF (bench/h5-timing/build-site.ts). Target ≤ 0.5×
 * against the checkout before issue 19.
 *
 * Before the runs, the HTML document each build's BFF serves for each page path is fetched and its bytes (and
 * gzip -9 bytes) printed against the build's plain `index.html`: what server-rendered markup adds to a page.
 *
 * Reports; exits non-zero only with `--strict` when dist/h5 misses one of the above: a loopback median over budget,
 * a ratio to the static page or (with `--compare`) to the compared build over its target, a visit's CLS over 0.02.
 */
import { resolve } from 'node:path';
import { SANDBOX_LIVES } from '../sandbox';
import type { LiveCard } from '../shared/live-card';
import { H5_DIR, launchChromium, requireH5Build } from '../test/e2e/support';
import { startBuildSite } from './h5-timing/build-site';
import { cardWords, type CardWords } from './h5-timing/card-words';
import { measureHtmlBytes, type BuildHtmlBytes, type DocumentBytes } from './h5-timing/html-bytes';
import { CPU_SLOWDOWN, visitPage, type Network, type PageVisit } from './h5-timing/page-visit';
import { serveStaticPages, staticCardPage, type PageWrapper } from './h5-timing/static-baseline';

export const FIRST_CARD_BUDGET_MS = 1500;
/** Issue 19: the first card painted within this many times the static page's first paint of the same words… */
export const STATIC_PAGE_RATIO_TARGET = 1.5;
/** …within this many times the build it improves on (`--compare`)… */
export const COMPARED_BUILD_RATIO_TARGET = 0.5;
/** …and no visit's layout shift over this. */
export const CLS_TARGET = 0.02;

interface TimedNetwork extends Network {
  /** The first-card budget applies here. */
  budgeted: boolean;
}

const NETWORKS: TimedNetwork[] = [
  { name: 'loopback', latencyMs: 0, budgeted: true },
  { name: 'loopback + 150 ms round trip (a mobile network)', latencyMs: 150, budgeted: false },
];

interface TimedPage {
  name: string;
  path: string;
  /** The page's wrapper class; its first card is `.<wrapper> .live-card:not(.skeleton)`. */
  wrapper: PageWrapper;
  /** The page shows the live's description under its first card. */
  showsDescription: boolean;
  /** The live whose card the page shows first, as the BFF at `baseUrl` serves it. */
  firstLive(baseUrl: string): Promise<LiveCard>;
}

const PAGES: TimedPage[] = [
  {
    name: 'home',
    path: '/',
    wrapper: 'home',
    showsDescription: false,
    firstLive: async (baseUrl) => {
      const { lives } = await getJson<{ lives: LiveCard[] }>(`${baseUrl}/api/lives`);
      if (!lives[0]) throw new Error('The BFF lists no live: the home page would have no card to time');
      return lives[0];
    },
  },
  {
    name: 'live page (deep link)',
    path: `/pages/live/index?id=${SANDBOX_LIVES.living}`,
    wrapper: 'live-page',
    showsDescription: true,
    firstLive: (baseUrl) => getJson<LiveCard>(`${baseUrl}/api/lives/${SANDBOX_LIVES.living}`),
  },
];

const firstCardSelector = (page: TimedPage) => `.${page.wrapper} .live-card:not(.skeleton)`;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return (await res.json()) as T;
}

/** The figures of one site (a build's BFF, or the static baseline) for one page on one network. */
export interface VisitFigures {
  runsMs: number[];
  medianMs: number;
  maxMs: number;
  /** CLS of each visit, in run order. */
  runsCls: number[];
  medianCls: number;
  maxCls: number;
}

export interface PageTiming {
  network: string;
  page: string;
  path: string;
  /** The static HTML page holding the first card's words. */
  staticPage: VisitFigures;
  /** Per build timed, in the order given. */
  builds: Array<{ dir: string } & VisitFigures>;
}

export interface H5Timing {
  /** The words each page's static baseline holds, by page name. */
  words: Array<{ page: string; words: CardWords }>;
  /** Per build, the HTML its BFF serves for each page path. */
  htmlBytes: Array<{ dir: string } & BuildHtmlBytes>;
  pages: PageTiming[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function figuresOf(visits: PageVisit[]): VisitFigures {
  const runsMs = visits.map((v) => v.firstCardMs);
  const runsCls = visits.map((v) => v.cls);
  return {
    runsMs,
    medianMs: Math.round(median(runsMs)),
    maxMs: Math.max(...runsMs),
    runsCls,
    medianCls: median(runsCls),
    maxCls: Math.max(...runsCls),
  };
}

/**
 * The words of each page's first card, from the JSON of the BFFs' APIs. Every BFF is asked (the words are taken
 * from the first), and every page path fetched from each (`htmlBytes`) before the runs, so no build's first
 * visit is the only one to meet a cold cache.
 */
async function firstCardWords(baseUrls: string[]): Promise<H5Timing['words']> {
  return Promise.all(
    PAGES.map(async (page) => {
      const [live] = await Promise.all(baseUrls.map((baseUrl) => page.firstLive(baseUrl)));
      return { page: page.name, words: cardWords(live!, { withDescription: page.showsDescription }) };
    }),
  );
}

/** Each page's static baseline at the app page's own path, so its URL differs from the app's by origin only. */
function staticBaselines(words: H5Timing['words']): Map<string, string> {
  return new Map(
    PAGES.map((page, p) => {
      const pathname = new URL(page.path, 'http://localhost').pathname;
      return [pathname, staticCardPage(page.wrapper, words[p]!.words)];
    }),
  );
}

/**
 * First card and CLS per network and page, over `runs` cold entries of the static baseline and of each build in
 * `dirs` (each served by its own BFF + sandbox: `startBuildSite`). Within a run every site is visited once, the order rotating from
 * run to run, so all share whatever the machine is doing and none is always first.
 */
export async function measureH5Timing({ runs = 5, dirs = [H5_DIR] } = {}): Promise<H5Timing> {
  const stacks = await Promise.all(dirs.map((dir) => startBuildSite(dir)));
  try {
    stacks.forEach((stack) => requireH5Build(stack.h5Dir));
    const paths = PAGES.map((page) => page.path);
    const htmlBytes = await Promise.all(
      stacks.map(async (stack, b) => ({
        dir: dirs[b]!,
        ...(await measureHtmlBytes(stack.baseUrl, stack.h5Dir, paths)),
      })),
    );
    const words = await firstCardWords(stacks.map((stack) => stack.baseUrl));
    const staticPages = await serveStaticPages(staticBaselines(words));
    const browser = await launchChromium();
    try {
      // Site 0 is the static baseline, then the builds in the order of `dirs`.
      const sites = [staticPages.baseUrl, ...stacks.map((stack) => stack.baseUrl)];
      const pages: PageTiming[] = [];
      for (const network of NETWORKS) {
        for (const page of PAGES) {
          const visits = sites.map((): PageVisit[] => []);
          for (let run = 0; run < runs; run++) {
            for (let turn = 0; turn < sites.length; turn++) {
              const s = (run + turn) % sites.length;
              visits[s]!.push(await visitPage(browser, `${sites[s]}${page.path}`, firstCardSelector(page), network));
            }
          }
          const [staticVisits, ...buildVisits] = visits;
          pages.push({
            network: network.name,
            page: page.name,
            path: page.path,
            staticPage: figuresOf(staticVisits!),
            builds: dirs.map((dir, b) => ({ dir, ...figuresOf(buildVisits[b]!) })),
          });
        }
      }
      return { words, htmlBytes, pages };
    } finally {
      await browser.close();
      await staticPages.close();
    }
  } finally {
    await Promise.all(stacks.map((stack) => stack.close()));
  }
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const ratio = (x: number) => `${x.toFixed(3)}×`;
const clsText = (cls: number) => cls.toFixed(4);
const bytesText = (n: number) => `${n.toLocaleString('en-US')} B`;
const extraText = (n: number, base: number) => `${n - base >= 0 ? '+' : '−'}${bytesText(Math.abs(n - base))}`;
const documentText = (doc: DocumentBytes, base: DocumentBytes) =>
  `${bytesText(doc.bytes)} (${extraText(doc.bytes, base.bytes)}), gzip ${bytesText(doc.gzip)} ` +
  `(${extraText(doc.gzip, base.gzip)})`;

function wordsText({ cover, badges, theme, when, countdown, meta, stale, action, description }: CardWords): string {
  return [cover.glyph, ...badges, theme, when, countdown, ...meta, stale, action, description?.title, description?.text]
    .filter(Boolean)
    .join(' | ');
}

async function main() {
  const runs = Number(argValue('--runs') ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a positive integer');
  const compare = argValue('--compare');
  const dirs = compare ? [H5_DIR, resolve(compare)] : [H5_DIR];
  const label = (b: number) => (b === 0 ? 'dist/h5' : dirs[b]!);

  console.log('# H5 timing');
  console.log(
    `Chromium headless, CPU ${CPU_SLOWDOWN}× slower, 390×844 phone, cold context per run, BFF + sandbox on ` +
      `loopback; navigation start → first live card painted, and CLS until the page settled; ${runs} runs each ` +
      `of the static page` +
      (compare ? `, dist/h5 and the build in ${dirs[1]}, interleaved` : ' and dist/h5, interleaved'),
  );
  const { words, htmlBytes, pages } = await measureH5Timing({ runs, dirs });
  const missed: string[] = [];
  const verdict = (ok: boolean, what: string, counts: boolean) => {
    if (!ok && counts) missed.push(what);
    return ok ? 'MET' : 'MISSED';
  };

  console.log(`\n## HTML document served for each page path, against the build's own index.html`);
  for (const [b, build] of htmlBytes.entries()) {
    const base = build.indexHtml;
    console.log(`${label(b)}: index.html ${bytesText(base.bytes)}, gzip ${bytesText(base.gzip)}`);
    for (const page of build.pages) console.log(`  ${page.path}: ${documentText(page.served, base)}`);
  }

  console.log(`\n## Static baseline: the words of each page's first card, from the BFF's JSON`);
  for (const { page, words: w } of words) console.log(`${page}: ${wordsText(w)}`);

  for (const network of NETWORKS) {
    console.log(
      `\n## ${network.name} — first card ≤ ${STATIC_PAGE_RATIO_TARGET}× the static page` +
        (network.budgeted ? ` and ≤ ${FIRST_CARD_BUDGET_MS} ms` : '') +
        (compare ? `, ≤ ${COMPARED_BUILD_RATIO_TARGET}× the compared build` : '') +
        `; CLS ≤ ${CLS_TARGET} per visit`,
    );
    for (const t of pages.filter((timing) => timing.network === network.name)) {
      const where = `${network.name}, ${t.page}`;
      console.log(`${t.page} (${t.path})`);
      const s = t.staticPage;
      console.log(
        `  static page: first paint of the card median ${s.medianMs} ms, max ${s.maxMs} ms; ` +
          `CLS max ${clsText(s.maxCls)}; runs ${s.runsMs.join(', ')}`,
      );
      for (const [b, build] of t.builds.entries()) {
        const counts = b === 0;
        const withinBudget = (ms: number) => (ms <= FIRST_CARD_BUDGET_MS ? 'within' : 'OVER');
        if (network.budgeted && counts && build.medianMs > FIRST_CARD_BUDGET_MS) {
          missed.push(`${where}: first card median over ${FIRST_CARD_BUDGET_MS} ms`);
        }
        const figures = network.budgeted
          ? `median ${build.medianMs} ms (${withinBudget(build.medianMs)}), max ${build.maxMs} ms ` +
            `(${withinBudget(build.maxMs)})`
          : `median ${build.medianMs} ms, max ${build.maxMs} ms`;
        console.log(`  ${label(b)}: first card ${figures}; runs ${build.runsMs.join(', ')}`);

        const vsStatic = build.medianMs / s.medianMs;
        const staticMet = vsStatic <= STATIC_PAGE_RATIO_TARGET;
        console.log(
          `    first card / static page (ratio of medians): ${ratio(vsStatic)} — target ≤ ` +
            `${STATIC_PAGE_RATIO_TARGET}×: ${verdict(staticMet, `${where}: first card / static page`, counts)}`,
        );
        const clsMet = build.maxCls <= CLS_TARGET;
        console.log(
          `    layout shift (CLS per visit): max ${clsText(build.maxCls)}, median ${clsText(build.medianCls)} — ` +
            `target ≤ ${CLS_TARGET}: ${verdict(clsMet, `${where}: CLS`, counts)}; runs ` +
            build.runsCls.map(clsText).join(', '),
        );
      }
      if (t.builds.length === 2) {
        const vsCompared = t.builds[0]!.medianMs / t.builds[1]!.medianMs;
        const comparedMet = vsCompared <= COMPARED_BUILD_RATIO_TARGET;
        console.log(
          `  dist/h5 / compared build (ratio of first-card medians): ${ratio(vsCompared)} — target ≤ ` +
            `${COMPARED_BUILD_RATIO_TARGET}×: ${verdict(comparedMet, `${where}: dist/h5 / compared build`, true)}`,
        );
      }
    }
  }

  console.log(missed.length ? `\nMissed by dist/h5:\n${missed.map((m) => `- ${m}`).join('\n')}` : '\nAll targets met.');
  if (missed.length > 0 && process.argv.includes('--strict')) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
