import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Socket } from 'node:net';
import { freePort } from './free-port';

/**
 * A real Redis for a test, never a mock: its own `redis-server` on a free loopback port (no persistence), so no
 * test touches anyone's data. Without the binary, `REDIS_URL_TEST` names one to use instead (and `kill`/`restart`
 * are then unavailable); without either, the test fails saying how to get one.
 */
export interface TestRedis {
  url: string;
  /** Stops the server the way a crash would (SIGKILL); `restart` brings it back on the same port, empty. */
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Resolves once Redis answers PING on `port`. */
async function waitForPing(port: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.setTimeout(200);
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => (socket.destroy(), resolve(false)));
      socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const hasRedisServer = () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

export async function startTestRedis(): Promise<TestRedis> {
  if (!hasRedisServer()) {
    const url = process.env.REDIS_URL_TEST;
    if (!url) {
      throw new Error(
        'These tests need a real Redis: install redis-server (Debian: apt-get install -y redis-server) or set ' +
          'REDIS_URL_TEST to a Redis the tests may flush.',
      );
    }
    const unavailable = async () => {
      throw new Error('kill/restart need a local redis-server binary');
    };
    return { url, kill: unavailable, restart: unavailable, stop: async () => undefined };
  }
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
      { stdio: 'ignore' },
    );
    await waitForPing(port);
  };
  const halt = async (signal: NodeJS.Signals) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    running.kill(signal);
    await once(running, 'exit');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () => halt('SIGKILL'),
    restart: start,
    stop: () => halt('SIGTERM'),
  };
}
