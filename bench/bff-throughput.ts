import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ThroughputFigures {
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
}

/** Starts a bench server script with tsx and waits for the `PORT n …` line it prints. */
async function startServer(script: string, args: string[], portStream: 'stdout' | 'stderr') {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', portStream === 'stdout' ? 'pipe' : 'ignore', portStream === 'stderr' ? 'pipe' : 'ignore'],
  });
  const stream = child[portStream]!;
  let buffered = '';
  const line = await new Promise<string>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /PORT [^\n]*\n/.exec(buffered);
      if (match) resolve(match[0].trim());
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  stream.resume();
  const [, port, extra] = line.split(' ');
  return { child, port: Number(port), extra };
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

async function load(name: string, url: string, seconds: number): Promise<ThroughputFigures> {
  const result = await autocannon({ url, connections: 50, pipelining: 1, duration: seconds });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/**
 * autocannon against `GET /api/lives/:id` (warm) on the BFF and on a bare Koa handler serving the same JSON from
 * a Map, alternating so that machine noise hits both alike.
 */
export async function measureThroughput({ seconds = 8, rounds = 2 } = {}) {
  const bff = await startServer('bench/servers/bff.ts', [], 'stderr');
  const livingId = bff.extra!;
  const url = `http://127.0.0.1:${bff.port}/api/lives/${livingId}`;
  const warm = await fetch(url);
  const card = await warm.text();
  if (!warm.ok) throw new Error(`BFF answered ${warm.status}: ${card}`);
  const bare = await startServer('bench/servers/bare-koa.ts', [card], 'stdout');
  const bareUrl = `http://127.0.0.1:${bare.port}/api/lives/${livingId}`;
  const sameBody = (await (await fetch(bareUrl)).text()) === card;

  await load('warm-up bff', url, 2);
  await load('warm-up bare', bareUrl, 2);
  const runs: ThroughputFigures[] = [];
  for (let round = 0; round < rounds; round++) {
    runs.push(await load('bare koa', bareUrl, seconds));
    runs.push(await load('bff', url, seconds));
  }
  await stop(bff.child);
  await stop(bare.child);

  const sum = (name: string, key: 'requestsPerSecond' | 'p99Ms') => {
    const picked = runs.filter((r) => r.name === name);
    return picked.reduce((s, r) => s + r[key], 0) / picked.length;
  };
  const bffRps = sum('bff', 'requestsPerSecond');
  const bareRps = sum('bare koa', 'requestsPerSecond');
  return {
    runs,
    sameBody,
    bff: { requestsPerSecond: Math.round(bffRps), p99Ms: sum('bff', 'p99Ms') },
    bare: { requestsPerSecond: Math.round(bareRps), p99Ms: sum('bare koa', 'p99Ms') },
    ratio: bffRps / bareRps,
  };
}
