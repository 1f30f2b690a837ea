/**
 * `npx tsx bench/client-size.ts [--strict]`: the client's size figures against their budgets, from the builds in
 * dist/ (`npm run build:client` first). Budgets, not tests: it reports, and exits non-zero only with `--strict`.
 *
 * - H5, JavaScript of a cold visit (budget 130 KB gzip per visit): measured, not guessed from file names. Headless
 *   Chromium opens the page in a fresh context (empty cache, no cookies or storage) against the BFF + sandbox on
 *   loopback (as the end-to-end tests do), waits until the page is complete — the first real card and, on a live
 *   page, its launch action (the QR code outside WeChat, the open tag inside) — and until no new script arrives, then
 *   sums gzip -9 of the body of every script the page received, each URL once. Four visits: home and a live page by
 *   deep link, in a phone browser and in WeChat (WeChat's UA plus the end-to-end tests' stand-in `wx`, a first-time
 *   viewer, so the visit includes the silent sign-in and the page's second load, from cache).
 * - H5 chunks as built (gzip), for reference: which chunk carries what.
 * - Mini program: total bytes of dist/weapp (what WeChat counts against the package). Budget 500 KB.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { SANDBOX_DEFAULT_WX_USER, SANDBOX_LIVES, SANDBOX_WX_USER_COOKIE } from '../sandbox';
import {
  launchChromium,
  newPhoneContext,
  requireH5Build,
  startBffStack,
  wechatStandIn,
  type PhoneEnv,
} from '../test/e2e/support';

const ROOT = join(__dirname, '..');
const H5 = join(ROOT, 'dist/h5');
const WEAPP = join(ROOT, 'dist/weapp');
const KB = 1024;
const H5_COLD_VISIT_BUDGET = 130 * KB;
const WEAPP_BUDGET = 500 * KB;
/** A visit is complete when no new script has arrived for this long after its last element showed. */
const QUIET_MS = 1500;

const gzip = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

interface Visit {
  name: string;
  env: PhoneEnv;
  path: string;
  /** What must be on the page before it counts as complete. */
  shows: string[];
}

const CARD = '.live-card:not(.skeleton)';
const LIVE_PAGE = `/pages/live/index?id=${SANDBOX_LIVES.living}`;

const VISITS: Visit[] = [
  { name: 'home, phone browser', env: 'browser', path: '/', shows: [`.home ${CARD}`] },
  {
    name: 'live page, phone browser',
    env: 'browser',
    path: LIVE_PAGE,
    shows: [`.live-page ${CARD}`, 'img.web-launch__qr-image'],
  },
  { name: 'home, WeChat', env: 'wechat', path: '/', shows: [`.home ${CARD}`] },
  {
    name: 'live page, WeChat',
    env: 'wechat',
    path: LIVE_PAGE,
    shows: [`.live-page ${CARD}`, 'wx-open-launch-weapp'],
  },
];

interface VisitFigures {
  name: string;
  path: string;
  /** Each script the page received, once, in order of arrival. */
  scripts: Array<{ url: string; bytes: number; gzip: number }>;
  gzip: number;
  /** Documents the main frame requested (more than one when the viewer was signed in through WeChat's OAuth). */
  documents: string[];
}

async function measureVisit(browser: Browser, baseUrl: string, visit: Visit): Promise<VisitFigures> {
  const context = await newPhoneContext(browser, visit.env);
  try {
    if (visit.env === 'wechat') {
      await context.addInitScript(wechatStandIn());
      await context.addCookies([
        { name: SANDBOX_WX_USER_COOKIE, value: SANDBOX_DEFAULT_WX_USER, domain: '127.0.0.1', path: '/' },
      ]);
    }
    const page: Page = await context.newPage();
    // URL → body. A body can be gone when the page leaves right after (the sign-in): a later response for the same
    // URL (the page's second load, from cache) supplies it, else it is fetched again at the end.
    const scripts = new Map<string, Buffer | undefined>();
    const bodies: Promise<void>[] = [];
    let lastScriptAt = Date.now();
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        const url = new URL(request.url());
        documents.push(url.origin === baseUrl ? url.pathname : `${url.host}${url.pathname}`);
      }
    });
    page.on('response', (response) => {
      const url = response.url();
      if (response.request().resourceType() !== 'script' || scripts.get(url)) return;
      if (!scripts.has(url)) {
        scripts.set(url, undefined);
        lastScriptAt = Date.now();
      }
      bodies.push(
        response.body().then(
          (body) => void (scripts.get(url) ?? scripts.set(url, body)),
          () => undefined,
        ),
      );
    });
    await page.goto(`${baseUrl}${visit.path}`);
    for (const selector of visit.shows) {
      await page.locator(selector).first().waitFor({ state: 'attached', timeout: 30_000 });
    }
    lastScriptAt = Math.max(lastScriptAt, Date.now());
    while (Date.now() - lastScriptAt < QUIET_MS) await page.waitForTimeout(250);

    await Promise.all(bodies);
    const measured = [];
    for (const [url, body] of scripts) {
      const bytes = body ?? (await (await context.request.get(url)).body());
      measured.push({
        url: url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url,
        bytes: bytes.length,
        gzip: gzip(bytes),
      });
    }
    return {
      name: visit.name,
      path: visit.path,
      scripts: measured,
      gzip: measured.reduce((sum, s) => sum + s.gzip, 0),
      documents,
    };
  } finally {
    await context.close();
  }
}

/** The JavaScript each cold visit loads, measured in headless Chromium against dist/h5. */
async function measureColdVisits(): Promise<VisitFigures[]> {
  requireH5Build(H5);
  const stack = await startBffStack({ logLevel: 'warn' });
  const browser = await launchChromium();
  try {
    const figures = [];
    for (const visit of VISITS) figures.push(await measureVisit(browser, stack.baseUrl, visit));
    return figures;
  } finally {
    await browser.close();
    await stack.close();
  }
}

function h5Chunks() {
  const html = readFileSync(join(H5, 'index.html'), 'utf8');
  const entry = new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!.replace(/^\//, '')));
  return filesUnder(join(H5, 'js'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ file: relative(H5, f), gzip: gzip(readFileSync(f)), entry: entry.has(relative(H5, f)) }))
    .sort((a, b) => Number(b.entry) - Number(a.entry) || b.gzip - a.gzip);
}

function weappFigures() {
  const files = filesUnder(WEAPP).map((f) => ({ file: relative(WEAPP, f), bytes: statSync(f).size }));
  return {
    total: files.reduce((sum, f) => sum + f.bytes, 0),
    largest: files.sort((a, b) => b.bytes - a.bytes).slice(0, 5),
  };
}

async function main() {
  let over = false;
  const verdict = (value: number, budget: number) => {
    over ||= value > budget;
    return value <= budget ? `within ${kb(budget)}` : `OVER ${kb(budget)}`;
  };

  console.log('# Client size');
  console.log(`\n## H5 (dist/h5): JavaScript a cold visit loads, measured in headless Chromium`);
  console.log(
    'fresh context per visit, BFF + sandbox on loopback; every script received until the page is complete and ' +
      `${QUIET_MS} ms pass without a new one, each URL once, gzip -9 — budget ≤ ${kb(H5_COLD_VISIT_BUDGET)} per visit`,
  );
  const visits = await measureColdVisits();
  for (const v of visits) {
    const via = v.documents.length > 1 ? ` (documents: ${v.documents.join(' → ')})` : '';
    console.log(`${v.name} (${v.path}): ${kb(v.gzip)} gzip — ${verdict(v.gzip, H5_COLD_VISIT_BUDGET)}${via}`);
    console.log(`  ${v.scripts.map((s) => `${s.url} ${kb(s.gzip)}`).join(', ')}`);
  }
  const heaviest = visits.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  // bench/h5-timing.ts prints the line starting with 'first page'.
  console.log(
    `first page (heaviest cold visit: ${heaviest.name}): ${kb(heaviest.gzip)} gzip — ` +
      `${heaviest.gzip <= H5_COLD_VISIT_BUDGET ? 'within' : 'OVER'} ${kb(H5_COLD_VISIT_BUDGET)}`,
  );

  console.log(
    `\nH5 chunks as built (gzip): ${h5Chunks()
      .map((c) => `${c.file}${c.entry ? ' [entry]' : ''} ${kb(c.gzip)}`)
      .join(', ')}`,
  );

  const weapp = weappFigures();
  console.log(`\n## Mini program (dist/weapp)`);
  for (const f of weapp.largest) console.log(`  ${f.file}: ${kb(f.bytes)}`);
  console.log(`total: ${kb(weapp.total)} — ${verdict(weapp.total, WEAPP_BUDGET)}`);

  if (over && process.argv.includes('--strict')) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
