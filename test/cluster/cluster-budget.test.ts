/**
 * One WeCom budget for the whole cluster: two instances, each with its own Redis connections and memory, on one
 * Redis, with a clock the test moves (so a minute of waiting costs nothing). The sandbox enforces the same limit
 * WeCom would, so any overspend shows as 45009.
 */
import { SANDBOX_LIVES, createSandbox, pointAtSandbox, type Sandbox } from '../../sandbox';
import { loadConfig, type Config } from '../../server/config/config';
import { startInProcessInstance } from '../support/in-process-instance';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(120_000);

const BUDGET = 300;
const VIEWERS = 900;

let redis: TestRedis;
let sandbox: Sandbox;
const instances: Array<{ url: string; close(): Promise<void> }> = [];
let t = 1_900_000_000_000;
const now = () => t;

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await Promise.all(instances.map((i) => i.close()));
  await sandbox?.close();
  await redis.stop();
});

interface Viewer {
  token: string;
  base: string;
  firstPosition?: number;
  retryAt?: number;
  admittedAt?: number;
}

it(`keeps ${VIEWERS} viewers tapping at once on two instances within ${BUDGET} codes a minute, admitting them in arrival order`, async () => {
  sandbox = createSandbox({ now, rateLimitPerMinute: BUDGET });
  const base = await sandbox.listen();
  const config: Config = {
    ...pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' }), base, sandbox.credentials),
    redis: { url: redis.url, keyPrefix: 'budget-cluster:', commandTimeoutMs: 1000 },
    wecomBudget: { perMinute: BUDGET, perHour: 100_000 },
    limits: {
      loginsPerIpPerMinute: 100_000,
      codesPerSessionPerMinute: 100,
      codesPerIpPerMinute: 100_000,
      socketsPerIp: 50,
    },
  };
  instances.push(await startInProcessInstance({ config, now }), await startInProcessInstance({ config, now }));
  const bases = instances.map((i) => i.url);

  const viewers: Viewer[] = [];
  for (let i = 0; i < VIEWERS; i++) {
    const res = await fetch(`${bases[i % 2]}/api/session/weapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: `viewer${i}-surge` }), // the part before "-" names the person
    });
    expect([i, res.status]).toEqual([i, 200]);
    viewers.push({ token: ((await res.json()) as { token: string }).token, base: bases[(i + 1) % 2]! });
  }

  const ask = async (v: Viewer) => {
    const res = await fetch(`${v.base}/api/lives/${SANDBOX_LIVES.living}/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
      body: '{}',
    });
    const body = (await res.json()) as { error?: { code: string }; queue?: { position: number; etaSeconds: number } };
    if (res.status === 200) {
      v.admittedAt = t;
      return;
    }
    expect([res.status, body.error?.code]).toEqual([503, 'UPSTREAM_BUSY']);
    expect(res.headers.get('retry-after')).toBe(String(body.queue!.etaSeconds));
    v.firstPosition ??= body.queue!.position;
    v.retryAt = t + body.queue!.etaSeconds * 1000;
  };

  // Everyone taps at once, then each comes back exactly when told to.
  await Promise.all(viewers.map(ask));
  expect(viewers.filter((v) => v.admittedAt !== undefined)).toHaveLength(BUDGET);
  const positions = viewers.flatMap((v) => (v.firstPosition ? [v.firstPosition] : [])).sort((x, y) => x - y);
  expect(positions).toEqual(Array.from({ length: VIEWERS - BUDGET }, (_, i) => i + 1));
  for (let round = 0; round < 20 && viewers.some((v) => v.admittedAt === undefined); round++) {
    const waiting = viewers.filter((v) => v.admittedAt === undefined);
    t = Math.min(...waiting.map((v) => v.retryAt!));
    await Promise.all(waiting.filter((v) => v.retryAt! <= t).map(ask));
  }

  expect(viewers.filter((v) => v.admittedAt === undefined)).toHaveLength(0);
  const calls = sandbox.callsTo('living/get_living_code');
  expect(calls).toHaveLength(VIEWERS);
  expect(calls.filter((c) => c.errcode === 45009)).toHaveLength(0);
  // Never more than the budget in ANY 60 s.
  const times = calls.map((c) => c.at).sort((x, y) => x - y);
  for (const [i, start] of times.entries()) {
    expect(times.filter((x) => x >= start && x < start + 60_000).length).toBeLessThanOrEqual(BUDGET);
    if (i > 50) break; // the windows worth checking start at the first calls of each burst
  }
  // Nobody was overtaken by a later arrival.
  const queued = viewers
    .filter((v) => v.firstPosition !== undefined)
    .sort((x, y) => x.firstPosition! - y.firstPosition!);
  for (let i = 1; i < queued.length; i++)
    expect(queued[i]!.admittedAt!).toBeGreaterThanOrEqual(queued[i - 1]!.admittedAt!);
});
