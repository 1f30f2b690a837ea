/**
 * Checks on the staff console build (`npm run build:staff`, part of `npm run build`) and on what it must not do to
 * the viewer builds: the console is its own esbuild bundle in dist/staff, chart.js only in the chunk of the stats
 * page (loaded with import()), and not a byte of either in dist/h5 or dist/weapp.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Metafile } from 'esbuild';
import { SANDBOX_CREDENTIALS } from '../../sandbox';

const ROOT = join(__dirname, '../..');
const STAFF = join(ROOT, 'dist/staff');
const VIEWER_BUILDS = { h5: join(ROOT, 'dist/h5'), weapp: join(ROOT, 'dist/weapp') };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function readBuild(dir: string, command: string): Map<string, string> {
  if (!existsSync(dir)) throw new Error(`${relative(ROOT, dir)} is missing: run \`${command}\` first`);
  return new Map(filesUnder(dir).map((file) => [relative(dir, file), readFileSync(file, 'latin1')]));
}

/** A needle as it may appear in a build read as latin1: UTF-8 bytes, or `\uXXXX` escapes (how minifiers write Chinese). */
const forms = (needle: string) => [
  Buffer.from(needle, 'utf8').toString('latin1'),
  needle.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
];
const filesWith = (build: Map<string, string>, needle: string) =>
  [...build].filter(([, text]) => forms(needle).some((form) => text.includes(form))).map(([file]) => file);

/**
 * What only chart.js or the console has: chart.js's own property on canvases and its banner; the console's API
 * paths, its asset folder and words of its pages.
 */
const CHART_JS_MARKERS = ['$chartjs', 'Chart.js v'];
const CONSOLE_MARKERS = ['/api/staff', '/staff/assets', '直播管理台', '创建预约直播', '下载观众明细', '渠道标记'];
/** chart.js controllers and scales the stats page does not register, by the ids they carry. */
const UNUSED_CHART_PARTS = ['polarArea', 'radar', 'bubble', 'scatter'];

describe('staff console build', () => {
  const staff = readBuild(STAFF, 'npm run build:staff');
  const metafile = JSON.parse(readFileSync(`${STAFF}.meta.json`, 'utf8')) as Metafile;
  const outputs = Object.entries(metafile.outputs).map(([file, output]) => ({
    file: relative(STAFF, join(ROOT, file)),
    ...output,
  }));
  const entry = outputs.find((o) => o.entryPoint === 'client/src/staff/main.tsx')!;
  const statsChunk = outputs.find((o) => o.entryPoint === 'client/src/staff/pages/stats-page.tsx')!;

  it('index.html loads the hashed entry script and stylesheet, which exist', () => {
    const html = staff.get('index.html') ?? '';
    const scripts = [...html.matchAll(/<script type="module" src="\/staff\/([^"]+)"><\/script>/g)].map((m) => m[1]);
    const styles = [...html.matchAll(/<link rel="stylesheet" href="\/staff\/([^"]+)">/g)].map((m) => m[1]);
    expect(scripts).toEqual([entry.file]);
    expect(styles).toEqual([relative(STAFF, join(ROOT, entry.cssBundle!))]);
    for (const file of [...scripts, ...styles]) expect(staff.has(file!)).toBe(true);
  });

  it('writes only index.html and content-hashed assets, all inside dist/staff', () => {
    for (const file of staff.keys()) {
      expect(file === 'index.html' || /^assets\/[a-z-]+-[A-Z0-9]{8}\.(js|css)$/.test(file)).toBe(true);
    }
    for (const output of outputs) expect(output.file.startsWith('assets/')).toBe(true);
  });

  it('puts chart.js in the stats page chunk only, which the entry loads with import()', () => {
    const withChartJs = outputs.filter((o) =>
      Object.keys(o.inputs).some((i) => i.startsWith('node_modules/chart.js/')),
    );
    expect(withChartJs.map((o) => o.file)).toEqual([statsChunk.file]);
    for (const marker of CHART_JS_MARKERS) expect(filesWith(staff, marker)).toEqual([statsChunk.file]);

    // Asked for with import() by the entry, statically imported by no file: only the stats page fetches it.
    // (Booleans, not toMatch: a failure should not print a minified bundle.)
    const url = `/staff/${statsChunk.file}`;
    expect(staff.get(entry.file)!.includes(`import("${url}")`)).toBe(true);
    const staticImporters = [...staff]
      .filter(([, text]) => new RegExp(`from\\s*"${url.replace(/[.]/g, '\\.')}"`).test(text))
      .map(([file]) => file);
    expect(staticImporters).toEqual([]);
    expect(entry.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path)).not.toContain(
      join('dist/staff', statsChunk.file),
    );
  });

  it('registers only the chart.js parts it draws with (tree-shaken, not chart.js/auto)', () => {
    const chunk = staff.get(statsChunk.file)!;
    expect(UNUSED_CHART_PARTS.filter((part) => chunk.includes(part))).toEqual([]);
    expect(chunk.includes('doughnut')).toBe(true);
  });

  it('ships no secret and no server-only endpoint', () => {
    for (const [name, value] of Object.entries(SANDBOX_CREDENTIALS).filter(([n]) => /secret/i.test(n))) {
      expect({ name, files: filesWith(staff, value) }).toEqual({ name, files: [] });
    }
    for (const needle of ['corpsecret', 'session_key', 'cgi-bin/gettoken', 'access_token']) {
      expect({ needle, files: filesWith(staff, needle) }).toEqual({ needle, files: [] });
    }
  });
});

describe.each(Object.entries(VIEWER_BUILDS))('the %s viewer build without the console', (platform, dir) => {
  const build = readBuild(dir, `npm run build:${platform}`);

  it.each([...CHART_JS_MARKERS, ...CONSOLE_MARKERS])('has no %s', (marker) => {
    expect(filesWith(build, marker)).toEqual([]);
  });

  it('shares no file with the console build', () => {
    const consoleFiles = new Set([...readBuild(STAFF, 'npm run build:staff').values()]);
    expect([...build].filter(([, text]) => consoleFiles.has(text)).map(([file]) => file)).toEqual([]);
  });

  if (platform === 'h5') {
    it('index.html references nothing of the console', () => {
      expect(build.get('index.html')).not.toMatch(/staff/i);
    });
  }
});
