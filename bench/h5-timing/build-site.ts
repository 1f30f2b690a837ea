import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBffStack } from '../../test/e2e/support';
import { freePort } from '../../test/support/free-port';

/** A build being timed, served on loopback. */
export interface BuildSite {
  /** Where its pages are: `http://127.0.0.1:PORT`. */
  baseUrl: string;
  /** Its H5 build (for its plain index.html). */
  h5Dir: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` for timing. A checkout of this project (it has `server/main.ts` and a built `dist/h5`): its own BFF,
 * in a process of its own, as `npm run serve` runs it in sandbox mode — so a build from before the BFF drew first
 * screens is timed with the BFF it shipped with. Otherwise `dir` is an H5 build, served by this checkout's BFF in
 * this process.
 */
export async function startBuildSite(dir: string): Promise<BuildSite> {
  const checkoutH5 = join(dir, 'dist/h5');
  if (existsSync(join(dir, 'server/main.ts')) && existsSync(join(checkoutH5, 'index.html'))) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: dir,
      // Sandbox mode, as `npm run serve` runs it there: the showcase lives listed, the pages served. (Its public
      // origin is then http://localhost:PORT, as sandbox mode has it; nothing timed here depends on it.)
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    await untilHealthy(baseUrl, child);
    return {
      baseUrl,
      h5Dir: checkoutH5,
      close: async () => {
        child.kill('SIGTERM');
        await once(child, 'exit');
      },
    };
  }
  const stack = await startBffStack({ logLevel: 'warn', h5Dir: dir });
  return { baseUrl: stack.baseUrl, h5Dir: dir, close: () => stack.close() };
}

/** Waits until the BFF at `baseUrl` answers `/healthz` (or gives up after 60 s, or when it exits). */
async function untilHealthy(baseUrl: string, child: ChildProcess): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (const deadline = Date.now() + 60_000; Date.now() < deadline && !exited;) {
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`the BFF of the compared checkout did not start at ${baseUrl}`);
}
