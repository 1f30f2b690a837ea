import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { freePort } from '../../support/free-port';

export { freePort };

const ROOT = join(__dirname, '../../..');
export const MAIN = join(ROOT, 'build/server/server/main.js');

export interface BffProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line so far. */
  logs(): Array<Record<string, unknown>>;
  /** SIGTERM, and the exit code once it has stopped. */
  stop(): Promise<number | null>;
}

/** One session secret for the whole cluster: a token one instance issued is good on every other. */
export const CLUSTER_SESSION_SECRET = 'cluster-test-session-secret-0123456789abcdef';

/**
 * The built BFF (`build/server`, as `npm start` runs it) as a process of its own, in sandbox mode against a sandbox
 * the test runs (`SANDBOX_URL`), sharing the Redis at `redisUrl`. Resolves once `/readyz` says ready.
 */
export async function startBff({
  sandboxUrl,
  redisUrl,
  keyPrefix,
  env = {},
}: {
  sandboxUrl: string;
  redisUrl: string;
  keyPrefix: string;
  env?: Record<string, string>;
}): Promise<BffProcess> {
  if (!existsSync(MAIN)) throw new Error(`${relative(ROOT, MAIN)} is missing: run \`npm run build:server\` first`);
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      SANDBOX: '1',
      SANDBOX_URL: sandboxUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: 'http://localhost:8080',
      SESSION_SECRET: CLUSTER_SESSION_SECRET,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`BFF exited with ${child.exitCode}: ${stderr}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`BFF on ${url} never became ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    logs: () => lines,
    async stop() {
      // Already gone (exited, or killed by a signal: then `exitCode` stays null and no 'exit' event will come).
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
