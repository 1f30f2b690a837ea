/**
 * 开播提醒 on two instances sharing one real Redis: one BullMQ queue, both workers. Both instances see the start;
 * each subscriber still gets exactly one message, at the configured rate. A worker stopped as a killed process
 * would be leaves its jobs to the other instance: nothing lost, nothing doubled.
 */
import { SANDBOX_LIVES, SANDBOX_REMINDER_TEMPLATES, createSandbox, pointAtSandbox, type Sandbox } from '../../sandbox';
import { DEFAULT_REMINDER_FIELDS, loadConfig, type Config } from '../../server/config/config';
import { startInProcessInstance } from '../support/in-process-instance';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(60_000);

const LIVE = SANDBOX_LIVES.reservedSoon;
type Instance = Awaited<ReturnType<typeof startInProcessInstance>>;

let redis: TestRedis;
let sandbox: Sandbox;
let instances: Instance[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  await Promise.all(instances.map((i) => i.close()));
  instances = [];
  await sandbox?.close();
});

async function twoInstances(rate: number, keyPrefix: string): Promise<[Instance, Instance]> {
  sandbox = createSandbox();
  const base = await sandbox.listen();
  const loaded = loadConfig({ SANDBOX: '1', REDIS_URL: redis.url, REDIS_KEY_PREFIX: keyPrefix, LOG_LEVEL: 'silent' });
  const config: Config = {
    ...pointAtSandbox(loaded, base, sandbox.credentials),
    reminders: {
      ...loaded.reminders,
      mini: { templateId: SANDBOX_REMINDER_TEMPLATES.mini.id, fields: [...DEFAULT_REMINDER_FIELDS] },
      mp: undefined,
      sendRatePerSecond: rate,
      attempts: 3,
      backoffMs: 50,
    },
  };
  const options = { reminderQueue: { lockDurationMs: 1000, stalledIntervalMs: 500, concurrency: 20 } };
  for (let i = 0; i < 2; i++) {
    instances.push(await startInProcessInstance({ config, now: Date.now, options, startJobs: true }));
  }
  return instances as [Instance, Instance];
}

/** `count` viewers accept the template in WeChat and are recorded, half on each instance. */
async function subscribe([a, b]: [Instance, Instance], count: number): Promise<string[]> {
  const openids = Array.from({ length: count }, (_, i) => `o-viewer-${i}`);
  const appId = sandbox.credentials.miniAppId;
  for (const [i, openid] of openids.entries()) {
    sandbox.subscriptions.accept('mini', openid, SANDBOX_REMINDER_TEMPLATES.mini.id);
    await (i % 2 ? a : b).services.reminders.subscribe({ openid, appId }, LIVE, SANDBOX_REMINDER_TEMPLATES.mini.id);
  }
  return openids;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function perOpenid(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of sandbox.subscriptions.deliveries()) counts.set(d.touser, (counts.get(d.touser) ?? 0) + 1);
  return counts;
}

it('sends each subscriber exactly one message when both instances see the start, at the rate across both', async () => {
  const [a, b] = await twoInstances(60, 'rem2:');
  const openids = await subscribe([a, b], 150);
  sandbox.lives.setStatus(LIVE, 1);
  // Both instances hear of the start at once: one through the callback hook, one from a card.
  await Promise.all([
    a.services.reminders.statusChanged(LIVE, 1),
    b.services.reminders.cardSeen({ livingId: LIVE, status: 'living', startsAt: new Date().toISOString() }),
  ]);
  await waitFor(() => sandbox.subscriptions.deliveries().length >= openids.length, 20_000, 'every message');
  await new Promise((r) => setTimeout(r, 300));
  const counts = perOpenid();
  expect(counts.size).toBe(openids.length);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(sandbox.callsTo('message/subscribe/send')).toHaveLength(openids.length);
  const stats = await b.services.reminders.stats(LIVE);
  expect(stats).toMatchObject({ subscribers: 150, pending: 0, sent: 150, failed: [], sending: false });
  // The rate is the queue's: 60 in each clock second across both workers (one or two may land in the next second),
  // and every second between the first and the last is full.
  const perSecond = new Map<number, number>();
  for (const d of sandbox.subscriptions.deliveries()) {
    perSecond.set(Math.floor(d.at / 1000), (perSecond.get(Math.floor(d.at / 1000)) ?? 0) + 1);
  }
  const seconds = [...perSecond.keys()].sort((x, y) => x - y);
  expect([...perSecond.values()].every((n) => n <= 62)).toEqual(true);
  expect(seconds.length).toBeGreaterThanOrEqual(3);
  expect(seconds.slice(1, -1).map((s) => perSecond.get(s)! >= 57)).not.toContain(false);
});

it('resumes the jobs of a worker killed mid-batch on the other instance, with nothing lost or doubled', async () => {
  const [a, b] = await twoInstances(40, 'rem3:');
  const openids = await subscribe([a, b], 80);
  // Every send takes a while, so the killed worker holds jobs in flight.
  sandbox.faults.latency('message/subscribe/send', 150);
  sandbox.lives.setStatus(LIVE, 1);
  await a.services.reminders.statusChanged(LIVE, 1);
  await waitFor(() => sandbox.subscriptions.deliveries().length >= 15, 10_000, 'the batch to be under way');
  await a.close({ force: true });
  instances = [b];
  await waitFor(
    async () => (await b.services.reminders.stats(LIVE)).pending === 0,
    30_000,
    'the other worker to finish the batch',
  );
  const counts = perOpenid();
  expect(counts.size).toBe(openids.length);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(await b.services.reminders.stats(LIVE)).toMatchObject({ sent: 80, pending: 0, failed: [] });
});
