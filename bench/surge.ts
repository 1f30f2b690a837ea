/**
 * A viral live: `VIEWERS` viewers arrive within one minute at two BFF instances on one Redis, each taps for a code,
 * and every viewer who is told to wait comes back exactly at `Retry-After`. The sandbox enforces WeCom's limit
 * (10,000 calls a minute per API), so any overspend shows as 45009. Time is a moved clock (the whole surge and its
 * line take minutes of "WeCom time" but seconds of machine time); the HTTP, Redis and Lua paths are the real ones.
 *
 * `npx tsx bench/surge.ts [--viewers 30000] [--budget 10000]`
 */
import { parseArgs } from 'node:util';
import { SANDBOX_LIVES, createSandbox, pointAtSandbox } from '../sandbox';
import { loadConfig, type Config } from '../server/config/config';
import { startInProcessInstance } from '../test/support/in-process-instance';
import { startTestRedis } from '../test/support/redis-server';
import { inBatches, maxInWindow, percentile } from './simulated-viewers';

interface Viewer {
  id: number;
  base: string;
  arrivesAt: number;
  token?: string;
  nextAt: number;
  admittedAt?: number;
  tries: number;
}

export async function runSurge({ viewers: count = 30_000, budget = 10_000, arrivalMs = 60_000 } = {}) {
  const redis = await startTestRedis();
  const start = 2_000_000_000_000;
  let t = start;
  const now = () => t;
  const sandbox = createSandbox({ now, rateLimitPerMinute: 10_000 });
  const sandboxUrl = await sandbox.listen();
  const config: Config = {
    ...pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' }), sandboxUrl, sandbox.credentials),
    redis: { url: redis.url, keyPrefix: 'surge:', commandTimeoutMs: 2000 },
    wecomBudget: { perMinute: budget, perHour: 150_000 },
    limits: {
      loginsPerIpPerMinute: 10_000_000,
      codesPerSessionPerMinute: 100,
      codesPerIpPerMinute: 10_000_000,
      socketsPerIp: 50,
    },
  };
  const instances = [await startInProcessInstance({ config, now }), await startInProcessInstance({ config, now })];
  const bases = instances.map((i) => i.url);

  const viewers: Viewer[] = Array.from({ length: count }, (_, id) => {
    const arrivesAt = start + Math.floor((id / count) * arrivalMs);
    return { id, base: bases[id % 2]!, arrivesAt, nextAt: arrivesAt, tries: 0 };
  });
  const post = (v: Viewer, path: string, body: unknown, token?: string) =>
    fetch(`${v.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  const started = performance.now();
  const stepMs = 250;
  let busyAnswers = 0;
  let otherAnswers = 0;
  for (let guard = 0; viewers.some((v) => v.admittedAt === undefined) && guard < 100_000; guard++) {
    const due = viewers.filter((v) => v.admittedAt === undefined && v.nextAt <= t);
    await inBatches(due, 256, async (v) => {
      // A viewer opens the live page: signs in (once), then asks for a code.
      if (!v.token) {
        const login = await post(v, '/api/session/weapp', { code: `viewer${v.id}-surge` });
        v.token = ((await login.json()) as { token: string }).token;
      }
      v.tries++;
      const res = await post(v, `/api/lives/${SANDBOX_LIVES.living}/code`, {}, v.token);
      const body = (await res.json()) as { error?: { code: string } };
      if (res.status === 200) {
        v.admittedAt = t;
        return;
      }
      if (body.error?.code === 'UPSTREAM_BUSY') busyAnswers++;
      else otherAnswers++;
      v.nextAt = t + Number(res.headers.get('retry-after') ?? 1) * 1000;
    });
    const pending = viewers.filter((v) => v.admittedAt === undefined);
    if (pending.length === 0) break;
    t = Math.max(t + stepMs, Math.min(...pending.map((v) => v.nextAt)));
  }
  const elapsedS = (performance.now() - started) / 1000;

  const calls = sandbox.callsTo('living/get_living_code');
  const waits = viewers.map((v) => (v.admittedAt ?? Infinity) - v.arrivesAt).sort((a, b) => a - b);
  const perMinute: Record<string, number> = {};
  for (const v of viewers) {
    if (v.admittedAt === undefined) continue;
    const minute = `minute ${Math.floor((v.admittedAt - start) / 60_000) + 1}`;
    perMinute[minute] = (perMinute[minute] ?? 0) + 1;
  }
  const maxInAnyMinute = maxInWindow(
    calls.map((c) => c.at).sort((a, b) => a - b),
    60_000,
  );
  const upstream: Record<string, number> = {};
  for (const c of sandbox.calls) upstream[c.api] = (upstream[c.api] ?? 0) + 1;

  await Promise.all(instances.map((i) => i.close()));
  await sandbox.close();
  await redis.stop();

  return {
    viewers: count,
    budgetPerMinute: budget,
    everyViewerGotACode: viewers.every((v) => v.admittedAt !== undefined),
    errcode45009: calls.filter((c) => c.errcode === 45009).length,
    getLivingCodeCalls: calls.length,
    maxCodesInAnySixtySeconds: maxInAnyMinute,
    admittedPerMinute: perMinute,
    waitSeconds: {
      p50: percentile(waits, 0.5) / 1000,
      p95: percentile(waits, 0.95) / 1000,
      max: waits[waits.length - 1]! / 1000,
    },
    triesPerViewer: {
      mean: viewers.reduce((s, v) => s + v.tries, 0) / count,
      max: Math.max(...viewers.map((v) => v.tries)),
    },
    busyAnswers,
    otherRefusals: otherAnswers,
    upstreamCalls: upstream,
    machineSeconds: Math.round(elapsedS),
  };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { viewers: { type: 'string' }, budget: { type: 'string' } } });
  runSurge({
    viewers: values.viewers ? Number(values.viewers) : undefined,
    budget: values.budget ? Number(values.budget) : undefined,
  }).then(
    (figures) => {
      console.log(JSON.stringify(figures, null, 2));
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
