/**
 * 开播提醒 when a BFF process dies for real: the built server (as `npm start` runs it) works the reminder queue on
 * one real Redis and is killed with SIGKILL mid-batch — its sockets to WeChat cut, its BullMQ locks left to lapse.
 * Another instance resumes the batch: every subscriber has exactly one message, and a send the dead process got out
 * before it could record it is counted as sent (WeChat's 43101 for the second try), not as failed.
 */
import { once } from 'node:events';
import { SANDBOX_LIVES, SANDBOX_REMINDER_TEMPLATES, createSandbox, pointAtSandbox, type Sandbox } from '../../sandbox';
import { DEFAULT_REMINDER_FIELDS, loadConfig, type Config } from '../../server/config/config';
import { startInProcessInstance } from '../support/in-process-instance';
import { startTestRedis, type TestRedis } from '../support/redis-server';
import { startBff, type BffProcess } from './support/bff-process';

// BullMQ's lock on a job lasts 30 s: the dead process's jobs wait that long before another worker takes them.
jest.setTimeout(120_000);

const LIVE = SANDBOX_LIVES.reservedSoon;
const TEMPLATE = SANDBOX_REMINDER_TEMPLATES.mini.id;
const KEY_PREFIX = 'killed:';
const SUBSCRIBERS = 60;

type Instance = Awaited<ReturnType<typeof startInProcessInstance>>;

let redis: TestRedis;
let sandbox: Sandbox;
let dying: BffProcess | undefined;
const instances: Instance[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  sandbox = createSandbox();
});
afterAll(async () => {
  await dying?.stop();
  await Promise.all(instances.map((i) => i.close()));
  await sandbox.close();
  await redis.stop();
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('resumes on another instance what a SIGKILLed process was sending: each subscriber one message, all counted sent', async () => {
  const sandboxUrl = await sandbox.listen();
  // A patient store: the test polls counts while a process is killed and the whole suite loads the machine, and
  // one command slower than the default 300 ms is not what it is about.
  const loaded = loadConfig({
    SANDBOX: '1',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: KEY_PREFIX,
    REDIS_COMMAND_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'silent',
  });
  const config: Config = {
    ...pointAtSandbox(loaded, sandboxUrl, sandbox.credentials),
    reminders: {
      ...loaded.reminders,
      mini: { templateId: TEMPLATE, fields: [...DEFAULT_REMINDER_FIELDS] },
      mp: undefined,
      sendRatePerSecond: 20,
    },
  };
  // The instance the test talks to records the subscribers and hears the start; it runs no worker of its own.
  const front = await startInProcessInstance({ config, now: Date.now, startJobs: false });
  instances.push(front);
  dying = await startBff({
    sandboxUrl,
    redisUrl: redis.url,
    keyPrefix: KEY_PREFIX,
    env: { WX_MINI_REMINDER_TEMPLATE_ID: TEMPLATE, REMINDER_SEND_RATE: '20', LOG_LEVEL: 'warn' },
  });

  const appId = sandbox.credentials.miniAppId;
  const openids = Array.from({ length: SUBSCRIBERS }, (_, i) => `o-killed-${i}`);
  for (const openid of openids) {
    sandbox.subscriptions.accept('mini', openid, TEMPLATE);
    await front.services.reminders.subscribe({ openid, appId }, LIVE, TEMPLATE);
  }
  // Each send is slow, so the process has several in flight when it dies; WeChat still handles those it received.
  sandbox.faults.latency('message/subscribe/send', 400);
  sandbox.lives.setStatus(LIVE, 1);
  await front.services.reminders.statusChanged(LIVE, 1);

  await waitFor(() => sandbox.callsTo('message/subscribe/send').length >= 15, 20_000, 'the batch to be under way');
  dying.child.kill('SIGKILL');
  await once(dying.child, 'exit');
  const sentBeforeTheKill = (await front.services.reminders.stats(LIVE)).sent;
  expect(sentBeforeTheKill).toBeLessThan(SUBSCRIBERS);

  // A new worker on the same queue: the jobs waiting and, once their locks lapse, those the dead process held.
  const heir = await startInProcessInstance({
    config,
    now: Date.now,
    startJobs: true,
    options: { reminderQueue: { stalledIntervalMs: 1000 } },
  });
  instances.push(heir);
  await waitFor(async () => (await heir.services.reminders.stats(LIVE)).pending === 0, 90_000, 'the batch to end');
  await new Promise((r) => setTimeout(r, 500));

  const perOpenid = new Map<string, number>();
  for (const d of sandbox.subscriptions.deliveries()) perOpenid.set(d.touser, (perOpenid.get(d.touser) ?? 0) + 1);
  expect([...perOpenid.keys()].sort()).toEqual([...openids].sort());
  expect([...perOpenid.values()].every((n) => n === 1)).toBe(true);
  expect(await heir.services.reminders.stats(LIVE)).toMatchObject({
    subscribers: SUBSCRIBERS,
    sent: SUBSCRIBERS,
    failed: [],
  });
  // The sends cut off by the kill reached WeChat anyway: tried again, they were refused (43101) and still count as sent.
  expect(sandbox.callsTo('message/subscribe/send').length).toBeGreaterThan(SUBSCRIBERS);
});
