/**
 * Builds the staff console (`client/src/staff`) into `dist/staff` with esbuild: `index.html` plus hashed JS and
 * CSS under `assets/`, split so the stats page and chart.js are a chunk of their own that only that page loads.
 * Not a Taro page on purpose: a Taro page would add route-table bytes to every viewer page and to the mini program.
 * `npm run build:staff` (part of `npm run build:client`). The metafile lands beside the build, in
 * `dist/staff.meta.json`, where the build test reads which sources went into which file (it is not served).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';

const ROOT = resolve(__dirname, '../..');
const ENTRY = 'client/src/staff/main.tsx';
/** Where the BFF serves the console from (server/http/middleware/static-staff.ts). */
const PUBLIC_PATH = '/staff/assets';

export async function buildStaffConsole({ outDir = join(ROOT, 'dist/staff') }: { outDir?: string } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  const assets = join(outDir, 'assets');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: assets,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    publicPath: PUBLIC_PATH,
    minify: true,
    // WeCom's and WeChat's embedded Chromium and desktop browsers of the last few years: ES modules, dynamic import.
    target: ['es2020'],
    jsx: 'automatic',
    tsconfig: join(ROOT, 'client/tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  });
  const { js, css } = entryFiles(result.metafile, outDir);
  writeFileSync(join(outDir, 'index.html'), indexHtml({ js, css }));
  mkdirSync(join(outDir, '..'), { recursive: true });
  writeFileSync(`${outDir}.meta.json`, JSON.stringify(result.metafile));
  return { js, css, metafile: result.metafile };
}

/** The entry's JS and CSS as URL paths (`/staff/assets/main-HASH.js`). */
function entryFiles(metafile: Metafile, outDir: string): { js: string; css: string | undefined } {
  const entry = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === ENTRY);
  if (!entry) throw new Error(`esbuild wrote no output for ${ENTRY}`);
  const [file, output] = entry;
  const url = (path: string) => `/staff/${relative(outDir, resolve(ROOT, path)).split('\\').join('/')}`;
  return { js: url(file), css: output.cssBundle ? url(output.cssBundle) : undefined };
}

function indexHtml({ js, css }: { js: string; css: string | undefined }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>直播管理台</title>
${css ? `<link rel="stylesheet" href="${css}">\n` : ''}<script type="module" src="${js}"></script>
</head>
<body>
<div id="root"></div>
<noscript>直播管理台需要开启 JavaScript。</noscript>
</body>
</html>
`;
}

if (require.main === module) {
  buildStaffConsole().then(
    ({ js, css }) => process.stdout.write(`staff console built: ${js}${css ? `, ${css}` : ''}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
