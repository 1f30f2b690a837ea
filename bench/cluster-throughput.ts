/**
 * `WEB_CONCURRENCY=2` vs 1 on this machine: the built BFF (`npm run build:server` first) in sandbox mode on one
 * Redis, warm `GET /api/lives/:id`, alternating rounds. autocannon runs on the same cores, so this shows what a
 * second worker adds on a 2-core box, not what it adds on a machine of its own.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { SANDBOX_LIVES } from '../sandbox';
import { freePort, MAIN } from '../test/cluster/support/bff-process';

async function start(workers: number, redisUrl: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      SANDBOX: '1',
      SANDBOX_PORT: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `bench-workers-${workers}:`,
      WEB_CONCURRENCY: String(workers),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/api/lives/${SANDBOX_LIVES.living}`;
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, stop: async () => (child.kill('SIGTERM'), await once(child, 'exit')) };
}

export async function measureWorkers({
  redisUrl,
  seconds = 8,
  rounds = 2,
}: {
  redisUrl: string;
  seconds?: number;
  rounds?: number;
}) {
  const one = await start(1, redisUrl);
  const two = await start(2, redisUrl);
  const load = async (url: string, s: number) =>
    Math.round((await autocannon({ url, connections: 100, duration: s })).requests.average);
  await load(one.url, 2);
  await load(two.url, 2);
  const figures = { one: [] as number[], two: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    figures.one.push(await load(one.url, seconds));
    figures.two.push(await load(two.url, seconds));
  }
  await one.stop();
  await two.stop();
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  return { oneWorker: mean(figures.one), twoWorkers: mean(figures.two), ratio: mean(figures.two) / mean(figures.one) };
}
