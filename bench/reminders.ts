/**
 * 开播提醒 at scale (issue 21): `subscribers` viewers of one reserved live accepted the mini program's reminder
 * template; the live starts and both BFF instances (one real Redis, one BullMQ queue) hear of it at once — one
 * through WeCom's callback hook, one from the pushed card. Measures that every subscriber gets exactly one message
 * (the sandbox refuses a second: one accept, one message; duplicates are counted from its deliveries), the sends
 * in every full clock second against the configured rate, the time to the last message against subscribers/rate,
 * Redis memory per subscriber and the bench process's memory (two in-process BFF instances and the sandbox).
 *
 * `npx tsx bench/reminders.ts [--subscribers 100000] [--rate 1000]`
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { SANDBOX_REMINDER_TEMPLATES, createSandbox, pointAtSandbox } from '../sandbox';
import { DEFAULT_REMINDER_FIELDS, loadConfig, type Config } from '../server/config/config';
import { startInProcessInstance } from '../test/support/in-process-instance';
import { startTestRedis } from '../test/support/redis-server';

const LIVE = 'lvReminders00000000000000000000001';
const TEMPLATE = SANDBOX_REMINDER_TEMPLATES.mini.id;

const usedMemory = async (redis: Redis) => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
const mb = (bytes: number) => Math.round(bytes / 1048576);

export async function runReminders({ subscribers = 100_000, rate = 500 } = {}) {
  const redis = await startTestRedis();
  const sandbox = createSandbox();
  const sandboxUrl = await sandbox.listen();
  sandbox.lives.upsert(LIVE, {
    theme: '年度客户大会：新品发布与合作伙伴计划',
    status: 0,
    reserve_start: Math.floor(Date.now() / 1000) + 3600,
    anchor_userid: 'zhangwei',
  });
  const loaded = loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' });
  const base = pointAtSandbox(loaded, sandboxUrl, sandbox.credentials);
  const config: Config = {
    ...base,
    liveIds: [LIVE],
    redis: { url: redis.url, keyPrefix: 'bench:', commandTimeoutMs: 2000 },
    reminders: {
      ...loaded.reminders,
      mini: { templateId: TEMPLATE, fields: [...DEFAULT_REMINDER_FIELDS] },
      sendRatePerSecond: rate,
    },
  };
  const options = { reminderQueue: { concurrency: 64 } };
  const instances = [
    await startInProcessInstance({ config, now: Date.now, options, startJobs: true }),
    await startInProcessInstance({ config, now: Date.now, options, startJobs: true }),
  ];
  const probe = new Redis(redis.url);
  try {
    const appId = sandbox.credentials.miniAppId;
    const memoryBefore = await usedMemory(probe);
    const openids = Array.from({ length: subscribers }, (_, i) => `oBench${String(i).padStart(22, '0')}`);
    for (let i = 0; i < openids.length; i += 500) {
      await Promise.all(
        openids.slice(i, i + 500).map((openid, j) => {
          sandbox.subscriptions.accept('mini', openid, TEMPLATE);
          return instances[j % 2]!.services.reminders.subscribe({ openid, appId }, LIVE, TEMPLATE);
        }),
      );
    }
    const redisBytesPerSubscriber = Math.round((await usedMemory(probe)) - memoryBefore) / subscribers;

    sandbox.lives.setStatus(LIVE, 1);
    const startedAt = Date.now();
    await Promise.all([
      instances[0]!.services.reminders.statusChanged(LIVE, 1),
      instances[1]!.services.reminders.cardSeen({
        livingId: LIVE,
        status: 'living',
        startsAt: new Date().toISOString(),
      }),
    ]);
    const queuedMs = Date.now() - startedAt;
    let peakRss = process.memoryUsage().rss;
    let peakRedis = 0;
    let last = -1;
    let lastChange = Date.now();
    for (;;) {
      const delivered = sandbox.subscriptions.deliveries().length;
      if (delivered >= subscribers) break;
      if (delivered !== last) [last, lastChange] = [delivered, Date.now()];
      if (Date.now() - lastChange > 30_000) break;
      // The sandbox's call log is not what is measured here: keep the bench process's memory the BFF's and the queue's.
      sandbox.resetCalls();
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      peakRedis = Math.max(peakRedis, await usedMemory(probe));
      await new Promise((r) => setTimeout(r, 250));
    }
    // Anything still in flight (a second message would show up here).
    await new Promise((r) => setTimeout(r, 2000));
    const deliveries = sandbox.subscriptions.deliveries();
    const perOpenid = new Map<string, number>();
    for (const d of deliveries) perOpenid.set(d.touser, (perOpenid.get(d.touser) ?? 0) + 1);
    const sentOnce = [...perOpenid.values()].filter((n) => n === 1).length;
    const duplicates = [...perOpenid.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const perSecond = new Map<number, number>();
    for (const d of deliveries)
      perSecond.set(Math.floor(d.at / 1000), (perSecond.get(Math.floor(d.at / 1000)) ?? 0) + 1);
    const seconds = [...perSecond.keys()].sort((a, b) => a - b);
    // Full seconds: every second but the first and the last (partly before the start, partly after the end).
    const full = seconds.slice(1, -1).map((s) => perSecond.get(s)!);
    const deviation = full.length ? Math.max(...full.map((n) => Math.abs(n - rate) / rate)) * 100 : 0;
    const lastAt = Math.max(...deliveries.map((d) => d.at));
    const stats = await instances[1]!.services.reminders.stats(LIVE);
    return {
      subscribers,
      ratePerSecond: rate,
      delivered: deliveries.length,
      sentOnce,
      duplicates,
      stats,
      queueingMs: queuedMs,
      secondsToLastMessage: Math.round((lastAt - startedAt) / 100) / 10,
      expectedSeconds: subscribers / rate,
      fullSeconds: full.length,
      perSecond: { min: Math.min(...full), max: Math.max(...full) },
      /** Seconds off the rate by more than 5 %, from the first message: [second, count]. */
      secondsOffRate: seconds
        .slice(1, -1)
        .map((s) => [s - seconds[0]!, perSecond.get(s)!] as const)
        .filter(([, n]) => Math.abs(n - rate) / rate > 0.05),
      rateMaxDeviationPct: Math.round(deviation * 100) / 100,
      redisBytesPerSubscriber: Math.round(redisBytesPerSubscriber),
      redisPeakMb: mb(peakRedis),
      benchProcessPeakRssMb: mb(peakRss),
      benchProcessHeapMb: mb(process.memoryUsage().heapUsed),
    };
  } finally {
    probe.disconnect();
    await Promise.all(instances.map((i) => i.close()));
    await sandbox.close();
    await redis.stop();
  }
}

export type RemindersRun = Awaited<ReturnType<typeof runReminders>>;

/** The one line issue 21 asks the bench to end this part with. */
export function remindersSummary(r: RemindersRun): string {
  return `reminders subscribers=${r.subscribers} sent-once=${r.sentOnce} duplicates=${r.duplicates} rate-max-deviation-pct=${r.rateMaxDeviationPct}`;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { subscribers: { type: 'string' }, rate: { type: 'string' } } });
  (async () => {
    const r = await runReminders({
      ...(values.subscribers ? { subscribers: Number(values.subscribers) } : {}),
      ...(values.rate ? { rate: Number(values.rate) } : {}),
    });
    console.log(JSON.stringify(r, null, 2));
    console.log(remindersSummary(r));
  })().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
