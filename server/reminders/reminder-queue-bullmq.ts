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
const SEND_LEAD_MS = 250;

/** How many clock seconds ahead a send may book its place (more than the workers ever hold at once). */
const BOOK_AHEAD_SECONDS = 4;

/** Jobs added per round trip when a start is queued. */
const ADD_BATCH = 250;

/**
 * Jobs are queued this many times faster than they are sent: always well ahead of the workers, yet spread out so
 * that adding 100,000 jobs does not crowd the sends of the first seconds off the CPU and Redis (it did: one second
 * sent 423 of 500 while a start was queued at full speed).
 */
const QUEUE_AHEAD_OF_RATE = 4;

/**
 * Books a send into the first clock second, from ARGV[2] on, with room left under the rate ARGV[1]: counts per
 * second at `KEYS[1]..<second>`. Answers the second, or -1 when the next ARGV[3] seconds are all full.
 */
const BOOK_SECOND = `local rate = tonumber(ARGV[1])
local first = tonumber(ARGV[2])
for second = first, first + tonumber(ARGV[3]) - 1 do
  local key = KEYS[1] .. second
  if tonumber(redis.call('GET', key) or '0') < rate then
    if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, 10000) end
    return second
  end
end
return -1`;

export interface BullmqReminderQueueOptions {
  /** The deployment's `REDIS_URL`: BullMQ opens connections of its own there (blocking ones among them). */
  redisUrl: string;
  /** `REDIS_KEY_PREFIX`: the queue's keys are `<prefix>bull:reminders:…`. */
  keyPrefix?: string;
  processor: ReminderProcessor;
  /** Messages sent per clock second across every worker of every instance. */
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
 * deterministic (live + app + openid + start), so a job two instances add is queued once; places booked per clock
 * second hold the send rate across all workers; a failure is retried with exponential back-off, a `FinalSendError` never
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
  /**
   * The rate, across every instance: each send books a place in a clock second on Redis — the current one while it
   * has room, else the next with room — and waits for that second. (BullMQ's own limiter counts windows that begin
   * with the first job after the last one ended, so two of its windows share a clock second: with it alone, the
   * two-instance test saw 99 messages in one second at a rate of 60. Making a worker pause when a second is full
   * left a whole second nearly empty now and then.) A send booked in a second's last moments would reach WeChat in
   * the next one, so from then on it books the next.
   */
  async function withinSecond(): Promise<boolean> {
    const first = Math.floor((Date.now() + SEND_LEAD_MS) / 1000);
    // BullMQ types its client as Redis or Cluster; both run scripts.
    const client = (await queue.client) as unknown as { eval(...args: Array<string | number>): Promise<unknown> };
    const second = Number(
      await client.eval(
        BOOK_SECOND,
        1,
        `${prefix}:${REMINDER_QUEUE_NAME}:per-second:`,
        ratePerSecond,
        first,
        BOOK_AHEAD_SECONDS,
      ),
    );
    if (second < 0) {
      await worker.rateLimit(1000);
      return false;
    }
    const wait = second * 1000 - Date.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    return true;
  }
  const batchEveryMs = (ADD_BATCH * 1000) / (ratePerSecond * QUEUE_AHEAD_OF_RATE);
  let nextBatchAt = 0;
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
      // Not the rate (the booked seconds are): a loose bound on jobs taken, which `worker.rateLimit` needs to work
      // at all (BullMQ checks its pause only for a queue with a limiter).
      limiter: { max: ratePerSecond * 2, duration: 1000 },
      lockDuration: lockDurationMs,
      stalledInterval: stalledIntervalMs,
      maxStalledCount: 5,
    },
  );
  worker.on('error', (err) => logger.warn({ event: 'reminder_worker_error', err: err.message }, 'reminder worker'));
  return {
    async add(jobs) {
      // Small batches, paced at a multiple of the send rate across every add of this instance: the sends going
      // out meanwhile keep their pace.
      for (let i = 0; i < jobs.length; i += ADD_BATCH) {
        const slot = Math.max(Date.now(), nextBatchAt);
        nextBatchAt = slot + batchEveryMs;
        await new Promise((done) => setTimeout(done, slot - Date.now()));
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
