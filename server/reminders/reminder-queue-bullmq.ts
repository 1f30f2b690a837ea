import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import {
  FinalSendError,
  PacedError,
  reminderJobId,
  type ReminderJob,
  type ReminderProcessor,
  type ReminderQueue,
} from './reminder-job';

export const REMINDER_QUEUE_NAME = 'reminders';

/** How long after the gate a send typically arrives at WeChat (the claim, the card, the request). */
const SEND_LEAD_MS = 150;

/** Jobs added per round trip when a start is queued. */
const ADD_BATCH = 250;

const COUNT_SECOND = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], 5000) end
return n`;

export interface BullmqReminderQueueOptions {
  /** The deployment's `REDIS_URL`: BullMQ opens connections of its own there (blocking ones among them). */
  redisUrl: string;
  /** `REDIS_KEY_PREFIX`: the queue's keys are `<prefix>bull:reminders:…`. */
  keyPrefix?: string;
  processor: ReminderProcessor;
  /** Jobs started per second across every worker of the queue (BullMQ's limiter is global per queue). */
  ratePerSecond: number;
  attempts: number;
  /** The first back-off; each retry waits twice the one before. */
  backoffMs: number;
  /** Sends one instance has in flight at once. */
  concurrency?: number;
  /** How long a worker's hold on a job lasts without renewal: a killed worker's jobs run again after it. */
  lockDurationMs?: number;
  /** How often workers look for jobs whose worker died (BullMQ's stalled-job check). */
  stalledIntervalMs?: number;
  /** How long a stop waits for BullMQ to close before it lets go of its connections. */
  closeTimeoutMs?: number;
  logger: Logger;
}

/** `redis://user:pass@host:port/db` (or `rediss://`) as the options BullMQ's own ioredis connections take. */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  const db = Number(u.pathname.slice(1) || 0);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/**
 * The reminder queue on Redis with BullMQ: every instance adds jobs and runs a worker. A job's id is
 * deterministic (live + app + openid + start), so a job two instances add is queued once; the limiter and a
 * per-clock-second gate hold the send rate across all workers; a failure is retried with exponential back-off, a `FinalSendError` never
 * (`UnrecoverableError`); a worker killed mid-job loses its lock and the job runs again elsewhere (stalled-job
 * handling), where the store's claim keeps it from being counted or sent twice. Done jobs are removed at once
 * (their outcome is in the reminder store), so Redis holds a job only while it waits.
 */
export function createBullmqReminderQueue({
  redisUrl,
  keyPrefix = '',
  processor,
  ratePerSecond,
  attempts,
  backoffMs,
  concurrency = 50,
  lockDurationMs = 30_000,
  stalledIntervalMs = 15_000,
  closeTimeoutMs = 5000,
  logger,
}: BullmqReminderQueueOptions): ReminderQueue {
  const connection = redisConnection(redisUrl);
  const prefix = `${keyPrefix}bull`;
  const queue = new Queue<ReminderJob>(REMINDER_QUEUE_NAME, { connection, prefix });
  queue.on('error', (err) => logger.warn({ event: 'reminder_queue_error', err: err.message }, 'reminder queue'));
  const secondKey = (second: number) => `${prefix}:${REMINDER_QUEUE_NAME}:per-second:${second}`;
  /**
   * BullMQ's limiter counts windows that begin with the first job after the last one ended, so two windows may
   * share a clock second. This gate counts clock seconds across every instance (INCR on the queue's Redis); a job
   * past the second's share goes back to wait (not an attempt) and every worker pauses until the next second —
   * which also lines BullMQ's windows up with the clock.
   */
  async function withinSecond(): Promise<boolean> {
    const at = Date.now();
    // A send let through in a second's last moments would reach WeChat in the next one: it counts for the next
    // second, and waits for it.
    const late = at % 1000 > 1000 - SEND_LEAD_MS;
    const second = Math.floor(at / 1000) + (late ? 1 : 0);
    // BullMQ types its client as Redis or Cluster; both run scripts.
    const client = (await queue.client) as unknown as { eval(...args: Array<string | number>): Promise<unknown> };
    const count = await client.eval(COUNT_SECOND, 1, secondKey(second));
    if (Number(count) <= ratePerSecond) {
      if (late) await new Promise((done) => setTimeout(done, second * 1000 - Date.now()));
      return true;
    }
    await worker.rateLimit(Math.max(1, (second + 1) * 1000 - Date.now()));
    return false;
  }
  const worker: Worker<ReminderJob> = new Worker<ReminderJob>(
    REMINDER_QUEUE_NAME,
    async (job) => {
      const number = job.attemptsMade + 1;
      try {
        await processor(job.data, { number, last: number >= (job.opts.attempts ?? 1), pace: withinSecond });
      } catch (err) {
        if (err instanceof PacedError) throw Worker.RateLimitError();
        if (err instanceof FinalSendError) throw new UnrecoverableError(err.message);
        throw err;
      }
    },
    {
      connection,
      prefix,
      concurrency,
      limiter: { max: ratePerSecond, duration: 1000 },
      lockDuration: lockDurationMs,
      stalledInterval: stalledIntervalMs,
      maxStalledCount: 5,
    },
  );
  worker.on('error', (err) => logger.warn({ event: 'reminder_worker_error', err: err.message }, 'reminder worker'));
  return {
    async add(jobs) {
      // Small batches, and the event loop let go between them: the sends going out meanwhile keep their pace.
      for (let i = 0; i < jobs.length; i += ADD_BATCH) {
        if (i) await new Promise((done) => setImmediate(done));
        await queue.addBulk(
          jobs.slice(i, i + ADD_BATCH).map((data) => ({
            name: 'remind',
            data,
            opts: {
              jobId: reminderJobId(data),
              attempts,
              backoff: { type: 'exponential', delay: backoffMs },
              removeOnComplete: true,
              removeOnFail: true,
            },
          })),
        );
      }
    },
    async close({ force = false } = {}) {
      // While Redis is away BullMQ's close waits for it: a stop must not (the jobs are in Redis, not here).
      const closing = Promise.all([worker.close(force), queue.close()]);
      const late = await Promise.race([
        closing.then(() => false),
        new Promise<boolean>((done) => setTimeout(() => done(true), closeTimeoutMs).unref()),
      ]);
      if (late) {
        logger.warn({ event: 'reminder_queue_close_late' }, 'reminder queue closed without waiting for Redis');
        await Promise.all([worker.disconnect(), queue.disconnect()]).catch(() => undefined);
      }
    },
  };
}
