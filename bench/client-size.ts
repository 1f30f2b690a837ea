/**
 * `npx tsx bench/client-size.ts`: prints the client's size figures against its budgets, from the builds in dist/
 * (`npm run build:client` first). Budgets, not tests: it reports, and exits non-zero only with `--strict`.
 *
 * - H5 first page: gzip of the JS index.html loads, plus the largest lazily loaded chunk (each page is one chunk,
 *   so this is the heaviest cold entry, e.g. a shared live page). Budget 130 KB.
 * - Mini program: total bytes of dist/weapp (what WeChat counts against the package). Budget 500 KB.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = join(__dirname, '..');
const H5 = join(ROOT, 'dist/h5');
const WEAPP = join(ROOT, 'dist/weapp');
const KB = 1024;
const H5_FIRST_PAGE_BUDGET = 130 * KB;
const WEAPP_BUDGET = 500 * KB;

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function h5Figures() {
  const html = readFileSync(join(H5, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => join(H5, m[1]!.replace(/^\//, '')));
  const lazy = filesUnder(join(H5, 'js')).filter((f) => f.endsWith('.js') && !entry.includes(f));
  const entryGzip = entry.reduce((sum, f) => sum + gzipSize(f), 0);
  const chunks = lazy.map((f) => ({ file: relative(H5, f), gzip: gzipSize(f) })).sort((a, b) => b.gzip - a.gzip);
  const firstPage = entryGzip + (chunks[0]?.gzip ?? 0);
  return { entry: entry.map((f) => relative(H5, f)), entryGzip, chunks, firstPage };
}

function weappFigures() {
  const files = filesUnder(WEAPP).map((f) => ({ file: relative(WEAPP, f), bytes: statSync(f).size }));
  return {
    total: files.reduce((sum, f) => sum + f.bytes, 0),
    largest: files.sort((a, b) => b.bytes - a.bytes).slice(0, 5),
  };
}

function main() {
  let over = false;
  const verdict = (value: number, budget: number) => {
    over ||= value > budget;
    return value <= budget ? `within ${kb(budget)}` : `OVER ${kb(budget)}`;
  };

  const h5 = h5Figures();
  console.log('# Client size');
  console.log(`\n## H5 (dist/h5)`);
  console.log(`index.html loads: ${h5.entry.join(', ')} → ${kb(h5.entryGzip)} gzip`);
  for (const c of h5.chunks) console.log(`  lazy ${c.file}: ${kb(c.gzip)} gzip`);
  console.log(
    `first page (entry + largest page chunk): ${kb(h5.firstPage)} gzip — ${verdict(h5.firstPage, H5_FIRST_PAGE_BUDGET)}`,
  );

  const weapp = weappFigures();
  console.log(`\n## Mini program (dist/weapp)`);
  for (const f of weapp.largest) console.log(`  ${f.file}: ${kb(f.bytes)}`);
  console.log(`total: ${kb(weapp.total)} — ${verdict(weapp.total, WEAPP_BUDGET)}`);

  if (over && process.argv.includes('--strict')) process.exitCode = 1;
}

main();
