/**
 * WeChat's CI module (miniprogram-ci) over a mini program build, offline, in a process of its own:
 *
 *     tsx test/weapp/support/run-miniprogram-ci.ts <weapp dir> <result.json>
 *
 * Run from a temporary working directory (the module writes scratch folders into the current one). It compiles the
 * build as an upload would, with the strict settings (es6, minify, minifyWXML, minifyWXSS), runs the code-quality
 * check, writes what they said to <result.json> and exits explicitly: the module leaves a child process running.
 *
 * Offline by construction: the project's `attr` (normally fetched from WeChat with the upload key) is the module's
 * own default, the key is a dummy (only upload uses it), and the module's HTTP helper is replaced by one that refuses
 * and records the URL, so a request never leaves the machine. The one it tries (the list of file extensions a
 * package may hold) falls back to the list built into the module.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface CiModule {
  Project: new (options: {
    appid: string;
    type: 'miniProgram';
    projectPath: string;
    privateKey: string;
    ignores?: string[];
  }) => { attr: () => Promise<unknown> };
  DefaultProjectAttr: unknown;
  getCompiledResult(options: {
    project: unknown;
    version: string;
    setting: Record<string, boolean>;
  }): Promise<Record<string, string | Uint8Array>>;
  checkCodeQuality(project: unknown): Promise<CodeQualityItem[]>;
}

export interface CodeQualityItem {
  name: string;
  success: boolean;
  text?: string;
  detail?: unknown;
}

export interface CiResult {
  ok: boolean;
  error?: string;
  /** Files of the compiled package and their sizes in bytes. */
  compiled?: Record<string, number>;
  quality?: CodeQualityItem[];
  /** URLs the module tried to reach (refused here). */
  refusedRequests: string[];
  ms: number;
}

export const STRICT_SETTINGS = { es6: true, minify: true, minifyWXML: true, minifyWXSS: true };

async function main() {
  const [projectPath, resultPath] = process.argv.slice(2);
  if (!projectPath || !resultPath) throw new Error('usage: run-miniprogram-ci.ts <weapp dir> <result.json>');
  const started = Date.now();
  const refusedRequests: string[] = [];
  const write = (result: Omit<CiResult, 'refusedRequests' | 'ms'>) =>
    writeFileSync(resultPath, JSON.stringify({ ...result, refusedRequests, ms: Date.now() - started }));

  const moduleDir = join(require.resolve('miniprogram-ci/package.json'), '..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const http = require(join(moduleDir, 'dist/utils/request')) as Record<string, unknown>;
  const refuse = async (options: { url?: string }) => {
    refusedRequests.push(String(options?.url ?? '?'));
    throw new Error('offline: no network in this check');
  };
  http.request = refuse;
  http.simpleRequest = refuse;

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require(moduleDir) as CiModule;
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath,
    privateKey: 'offline-dummy-key-upload-is-never-called',
  });
  project.attr = async () => ci.DefaultProjectAttr;

  try {
    const files = await ci.getCompiledResult({ project, version: '0.0.0', setting: STRICT_SETTINGS });
    const compiled = Object.fromEntries(
      Object.entries(files).map(([name, content]) => [name, Buffer.byteLength(content)]),
    );
    const quality = await ci.checkCodeQuality(project);
    write({ ok: true, compiled, quality });
  } catch (error) {
    write({ ok: false, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  // The module leaves a compiler child running; without this the process would never end.
  .finally(() => process.exit());
