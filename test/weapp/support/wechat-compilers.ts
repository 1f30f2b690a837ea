import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * WeChat's template compiler (wcc) and style compiler (wcsc), the Linux builds shipped inside the
 * `miniprogram-compiler` package, called directly: the package's own `wxssToJs` returns a compile error instead
 * of throwing it, so a broken style would pass through it unseen.
 *
 * npm installs the binaries without their executable bit (and npm 11 runs no install scripts), so they are copied
 * to a temporary folder and made executable there; the installed package is left as it is.
 */
export type Compiler = 'wcc' | 'wcsc';

export interface CompileResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

let binDir: string | undefined;

export function compilerPath(name: Compiler): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`miniprogram-compiler ships wcc/wcsc for linux-x64 here, not ${process.platform}-${process.arch}`);
  }
  binDir ??= mkdtempSync(join(tmpdir(), 'wechat-compilers-'));
  const target = join(binDir, name);
  if (!existsSync(target)) {
    const pkg = dirname(require.resolve('miniprogram-compiler/package.json'));
    copyFileSync(join(pkg, 'bin/linux', name), target);
    chmodSync(target, 0o755);
  }
  return target;
}

/** Removes the executable copies (call once the checks are done). */
export function removeCompilerCopies() {
  if (binDir) rmSync(binDir, { recursive: true, force: true });
  binDir = undefined;
}

function run(name: Compiler, args: string[], cwd: string): CompileResult {
  const res = spawnSync(compilerPath(name), args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 30_000 });
  if (res.error) throw res.error;
  return { status: res.status, stdout: res.stdout.toString(), stderr: res.stderr.toString() };
}

export function compilerVersion(name: Compiler, cwd: string): string {
  const { stdout, stderr } = run(name, [], cwd);
  return /version\s*(\S+)/i.exec(stdout + stderr)?.[1] ?? 'unknown';
}

function usingComponents(root: string, file: string): string[] {
  const json = join(root, file.replace(/\.wxml$/, '.json'));
  if (!existsSync(json)) return [];
  const parsed = JSON.parse(readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> };
  return Object.keys(parsed.usingComponents ?? {});
}

/**
 * All `.wxml` and `.wxs` files in one wcc run, as WeChat DevTools compiles a package: `-cc` with each page's and
 * component's custom component tags, the generated code's entry named `$gwx`.
 */
export function compileWxml(root: string, wxml: string[], wxs: string[]): CompileResult {
  const withComponents = wxml.map((file) => [file, usingComponents(root, file)] as const).filter(([, c]) => c.length);
  const componentArgs = [
    withComponents.length,
    ...withComponents.flatMap(([file, tags]) => [file, tags.length, ...tags]),
  ].join(' ');
  return run('wcc', ['-d', '-cc', componentArgs, ...wxml, ...wxs, '-gn', '$gwx'], root);
}

/**
 * All `.wxss` files in one wcsc run, with lint on (`-lc`): the page and component styles first (`-pc` says how
 * many), then the rest, so `@import`s between them resolve. Its output is `name=code=` pairs.
 */
export function compileWxss(root: string, wxss: string[]): CompileResult {
  const ownStyle = (file: string) => existsSync(join(root, file.replace(/\.wxss$/, '.json')));
  const pages = wxss.filter(ownStyle);
  const rest = wxss.filter((file) => !ownStyle(file));
  return run('wcsc', ['-lc', '-db', '-pc', String(pages.length), ...pages, ...rest], root);
}

/** wcsc's output as a map from its names (`version`, `comm`, each page's `.wxss`) to the generated code. */
export function wxssOutputs(stdout: string): Map<string, string> {
  const parts = stdout.split('=');
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < parts.length; i += 2) out.set(parts[i] ?? '', parts[i + 1] ?? '');
  return out;
}
