import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { startServer, stop } from './servers/start-server';

export interface ThroughputFigures {
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  /** Server CPU time per answered request: unlike throughput, barely moved by other load on the machine. */
  cpuMicrosPerRequest: number;
}

/** utime + stime of a process in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(name: string, url: string, seconds: number, pid: number): Promise<ThroughputFigures> {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ url, connections: 50, pipelining: 1, duration: seconds });
  const cpu = cpuMs(pid) - cpuBefore;
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    cpuMicrosPerRequest: Math.round((cpu * 1000) / Math.max(1, result.requests.total)),
  };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * autocannon against `GET /api/lives/:id` (warm) on the BFF and on a bare Koa handler serving the same JSON from
 * a Map, alternating so that machine noise hits both alike. With `compareDir` (another checkout of this project,
 * e.g. an earlier commit with node_modules linked in) its BFF joins the same rounds, so a change is judged against
 * what came before within one run. With `redisUrl` a BFF whose shared state is that Redis joins them too.
 */
export async function measureThroughput({
  seconds = 8,
  rounds = 2,
  compareDir,
  redisUrl,
}: { seconds?: number; rounds?: number; compareDir?: string; redisUrl?: string } = {}) {
  const bff = await startServer('bench/servers/bff.ts', [], 'stderr');
  const before = compareDir ? await startServer('bench/servers/bff.ts', [], 'stderr', compareDir) : undefined;
  const shared = redisUrl
    ? await startServer('bench/servers/bff.ts', [], 'stderr', process.cwd(), { BENCH_REDIS_URL: redisUrl })
    : undefined;
  const livingId = bff.extra!;
  const url = `http://127.0.0.1:${bff.port}/api/lives/${livingId}`;
  const warm = await fetch(url);
  const card = await warm.text();
  if (!warm.ok) throw new Error(`BFF answered ${warm.status}: ${card}`);
  const bare = await startServer('bench/servers/bare-koa.ts', [card], 'stdout');
  const bareUrl = `http://127.0.0.1:${bare.port}/api/lives/${livingId}`;
  const sameBody = (await (await fetch(bareUrl)).text()) === card;

  const beforeUrl = before && `http://127.0.0.1:${before.port}/api/lives/${before.extra!}`;
  const sharedUrl = shared && `http://127.0.0.1:${shared.port}/api/lives/${shared.extra!}`;

  await load('warm-up bff', url, 2, bff.pid);
  await load('warm-up bare', bareUrl, 2, bare.pid);
  if (before && beforeUrl) await load('warm-up compared', beforeUrl, 2, before.pid);
  if (shared && sharedUrl) await load('warm-up redis', sharedUrl, 2, shared.pid);
  const runs: ThroughputFigures[] = [];
  for (let round = 0; round < rounds; round++) {
    runs.push(await load('bare koa', bareUrl, seconds, bare.pid));
    runs.push(await load('bff', url, seconds, bff.pid));
    if (before && beforeUrl) runs.push(await load('bff (compared)', beforeUrl, seconds, before.pid));
    if (shared && sharedUrl) runs.push(await load('bff (redis)', sharedUrl, seconds, shared.pid));
  }
  await stop(bff.child);
  await stop(bare.child);
  if (before) await stop(before.child);
  if (shared) await stop(shared.child);

  const figures = (name: string) => {
    const picked = runs.filter((r) => r.name === name);
    return {
      requestsPerSecond: Math.round(mean(picked.map((r) => r.requestsPerSecond))),
      p99Ms: mean(picked.map((r) => r.p99Ms)),
      cpuMicros: mean(picked.map((r) => r.cpuMicrosPerRequest)),
    };
  };
  const bffFigures = figures('bff');
  const bareFigures = figures('bare koa');
  const compared = before ? figures('bff (compared)') : undefined;
  const redis = shared ? figures('bff (redis)') : undefined;
  return {
    runs,
    sameBody,
    redis,
    bff: bffFigures,
    bare: bareFigures,
    compared,
    ratio: bffFigures.requestsPerSecond / bareFigures.requestsPerSecond,
    cpuRatio: bareFigures.cpuMicros / bffFigures.cpuMicros,
  };
}
