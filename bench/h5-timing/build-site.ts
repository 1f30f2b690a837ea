import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBffStack } from '../../test/e2e/support';
import { startServer, stop } from '../servers/start-server';

/** A build being timed, served on loopback. */
export interface BuildSite {
  /** Where its pages are: `http://127.0.0.1:PORT`. */
  baseUrl: string;
  /** Its H5 build (for its plain index.html). */
  h5Dir: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` for timing. A checkout of this project (it has `bench/servers/bff.ts` and a built `dist/h5`): its own
 * BFF, in a process of its own, as `npm start` runs it in sandbox mode — so a build from before the BFF drew first
 * screens is timed with the BFF it shipped with. Otherwise `dir` is an H5 build, served by this checkout's BFF in
 * this process.
 */
export async function startBuildSite(dir: string): Promise<BuildSite> {
  const checkoutH5 = join(dir, 'dist/h5');
  if (existsSync(join(dir, 'bench/servers/bff.ts')) && existsSync(join(checkoutH5, 'index.html'))) {
    const server = await startServer('bench/servers/bff.ts', [], 'stderr', dir, { BENCH_LOG_LEVEL: 'warn' });
    return { baseUrl: `http://127.0.0.1:${server.port}`, h5Dir: checkoutH5, close: () => stop(server.child) };
  }
  const stack = await startBffStack({ logLevel: 'warn', h5Dir: dir });
  return { baseUrl: stack.baseUrl, h5Dir: dir, close: () => stack.close() };
}
