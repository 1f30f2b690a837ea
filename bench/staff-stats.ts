/**
 * Watch statistics for a live with 100,000 viewers: how long the BFF takes to pull every `get_watch_stat` page and
 * build the aggregates (and how many pages that is), how long a second staff member waits (cached), and the CSV
 * export's time and the BFF's peak memory while it streams. The BFF is the built one (`build/server`) in a process
 * of its own on Redis, so its memory is its own; the sandbox (WeCom) runs in this process, on loopback.
 */
import { readFileSync } from 'node:fs';
import { SANDBOX_LIVES, createSandbox } from '../sandbox';
import { startBff } from '../test/cluster/support/bff-process';
import { startTestRedis } from '../test/support/redis-server';

const LIVE = SANDBOX_LIVES.endedReplayReady;
const MB = 1024 * 1024;

export interface StaffStatsFigures {
  viewers: number;
  pages: number;
  coldMs: number;
  warmMs: number;
  warmPages: number;
  csvMs: number;
  csvRows: number;
  csvBytes: number;
  /** BFF resident memory before the export (watchers cached) and its peak during it. */
  rssBeforeCsvMb: number;
  rssPeakCsvMb: number;
  /** BFF resident memory before the first stats request and its peak while building them. */
  rssBeforeStatsMb: number;
  rssPeakStatsMb: number;
}

/** Resident memory of a process, from /proc (Linux). */
function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) * 1024 : 0;
}

/** Samples a process's RSS every few milliseconds while `work` runs; resolves with its result and the peak. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rssBytes(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 5);
  try {
    const result = await work();
    peak = Math.max(peak, rssBytes(pid));
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

/** The staff sign-in round trip over HTTP, as a desktop browser makes it: BFF → WeCom's QR login → BFF. */
async function staffCookie(bffUrl: string): Promise<string> {
  const start = await fetch(`${bffUrl}/api/staff/session?returnTo=%2Fstaff%2F`, { redirect: 'manual' });
  const browser = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  const login = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const back = new URL(login.headers.get('location')!);
  const done = await fetch(`${bffUrl}${back.pathname}${back.search}`, {
    redirect: 'manual',
    headers: { cookie: browser },
  });
  const staff = done.headers.getSetCookie().find((c) => c.startsWith('wlv_staff='));
  if (!staff) throw new Error(`staff sign-in failed: ${done.status}`);
  return staff.split(';')[0]!;
}

export async function measureStaffStats({
  redisUrl,
  viewers = 100_000,
}: {
  redisUrl: string;
  viewers?: number;
}): Promise<StaffStatsFigures> {
  const sandbox = createSandbox();
  const sandboxUrl = await sandbox.listen();
  sandbox.watchStats.generate(LIVE, viewers, 'bench');
  const bff = await startBff({ sandboxUrl, redisUrl, keyPrefix: `bench-stats-${Date.now()}:` });
  const pid = bff.child.pid!;
  try {
    const cookie = await staffCookie(bff.url);
    const pagesSoFar = () => sandbox.callsTo('living/get_watch_stat').length;
    const stats = async () => {
      const started = performance.now();
      const res = await fetch(`${bff.url}/api/staff/lives/${LIVE}/stats`, { headers: { cookie } });
      const body = (await res.json()) as { viewers?: number };
      if (res.status !== 200 || body.viewers !== viewers) throw new Error(`stats: ${res.status} ${body.viewers}`);
      return performance.now() - started;
    };

    const rssBeforeStats = rssBytes(pid);
    const cold = await peakRss(pid, stats);
    const pages = pagesSoFar();
    const warmMs = await stats();
    const warmPages = pagesSoFar() - pages;

    const rssBeforeCsv = rssBytes(pid);
    const csv = await peakRss(pid, async () => {
      const started = performance.now();
      const res = await fetch(`${bff.url}/api/staff/lives/${LIVE}/watchers.csv`, { headers: { cookie } });
      if (res.status !== 200 || !res.body) throw new Error(`csv: ${res.status}`);
      let bytes = 0;
      let recordEnds = 0;
      let previous = 0;
      // Count records (CRLF; a name may hold a bare LF inside quotes) as the bytes arrive, without keeping them.
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (const byte of chunk) {
          if (byte === 0x0a && previous === 0x0d) recordEnds++;
          previous = byte;
        }
      }
      return { ms: performance.now() - started, bytes, rows: recordEnds - 1 };
    });
    return {
      viewers,
      pages,
      coldMs: cold.result,
      warmMs,
      warmPages,
      csvMs: csv.result.ms,
      csvRows: csv.result.rows,
      csvBytes: csv.result.bytes,
      rssBeforeStatsMb: rssBeforeStats / MB,
      rssPeakStatsMb: cold.peak / MB,
      rssBeforeCsvMb: rssBeforeCsv / MB,
      rssPeakCsvMb: csv.peak / MB,
    };
  } finally {
    await bff.stop();
    await sandbox.close();
  }
}

if (require.main === module) {
  void (async () => {
    const redis = await startTestRedis();
    try {
      console.log(JSON.stringify(await measureStaffStats({ redisUrl: redis.url }), null, 2));
    } finally {
      await redis.stop();
    }
  })();
}
