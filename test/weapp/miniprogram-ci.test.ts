/**
 * The built mini program through WeChat's CI module (miniprogram-ci, the compiler of WeChat DevTools' uploads), run
 * offline in a child process (support/run-miniprogram-ci.ts) on a copy of dist/weapp in a temporary folder.
 *
 * What it proves: the package compiles as an upload would with the strict settings (ES6 → ES5, JS minified, WXML and
 * WXSS minified), and the code-quality check puts the main package under 1.5 MB (the line it draws; 2 MB is the hard
 * upload limit). What it does not: upload itself (needs the real key and WeChat's servers), the checks that depend on
 * the account (plugins, the real appid's settings), how the package behaves on a device.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CiResult, CodeQualityItem } from './support/run-miniprogram-ci';
import { assertWeappBuilt } from './support/weapp-build';

/** WeChat's code-quality line for the main package, and the hard limit an upload is refused over. */
const QUALITY_LIMIT_BYTES = 1.5 * 1024 * 1024;
const HARD_LIMIT_BYTES = 2 * 1024 * 1024;

function runCi(weappDir: string): CiResult {
  const work = mkdtempSync(join(tmpdir(), 'miniprogram-ci-'));
  try {
    const project = join(work, 'weapp');
    cpSync(weappDir, project, { recursive: true });
    const resultFile = join(work, 'result.json');
    const child = spawnSync(
      process.execPath,
      [require.resolve('tsx/cli'), join(__dirname, 'support/run-miniprogram-ci.ts'), project, resultFile],
      {
        cwd: work,
        timeout: 90_000,
        encoding: 'utf8',
        // Belt and braces besides the script's own refusal: anything else that tries the network meets a closed port.
        env: { ...process.env, HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '' },
      },
    );
    if (child.error) throw child.error;
    if (child.status !== 0) throw new Error(`miniprogram-ci exited ${child.status}: ${child.stderr}`);
    return JSON.parse(readFileSync(resultFile, 'utf8')) as CiResult;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe('WeChat’s CI module (miniprogram-ci)', () => {
  const weapp = assertWeappBuilt();
  let result: CiResult;

  beforeAll(() => {
    result = runCi(weapp);
  }, 120_000);

  it('compiles the package with es6, minify, minifyWXML and minifyWXSS on', () => {
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    const app = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8')) as { pages: string[] };
    const expected = [
      'app.js',
      'app.json',
      ...app.pages.flatMap((page) => ['js', 'json', 'wxml'].map((ext) => `${page}.${ext}`)),
    ];
    expect(Object.keys(result.compiled ?? {})).toEqual(expect.arrayContaining(expected));
  });

  it('reports the main package under WeChat’s code-quality line (1.5 MB; 2 MB is the hard limit)', () => {
    const size = result.quality?.find((item: CodeQualityItem) => item.name === 'PACKAGE_SIZE_LIMIT');
    expect(size).toMatchObject({ success: true });
    const mainPackage = (size?.detail as Record<string, number> | undefined)?.__APP__;
    expect(mainPackage).toEqual(expect.any(Number));
    expect(mainPackage).toBeLessThan(QUALITY_LIMIT_BYTES);
    expect(mainPackage).toBeLessThan(HARD_LIMIT_BYTES);
    // The figure docs/benchmarks.md records.
    console.info(`checkCodeQuality: main package ${mainPackage} bytes (${((mainPackage ?? 0) / 1024).toFixed(1)} KB)`);
  });

  it('stays offline: the only request it tries (the extension allow-list) is refused and falls back', () => {
    expect(result.refusedRequests.every((url) => url.includes('/wxa/ci/getwhiteextlist'))).toBe(true);
  });
});
