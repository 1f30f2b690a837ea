import type { Logger } from 'pino';
import {
  FinalSendError,
  reminderJobId,
  type ReminderJob,
  type ReminderProcessor,
  type ReminderQueue,
} from './reminder-job';

/**
 * The reminder queue of one instance without Redis (memory mode): the same processor, rate, attempts and back-off
 * as on BullMQ, run in this process. Pending reminders are lost on restart; a second instance would keep a queue
 * of its own (memory mode is one instance). A job id is taken once for the life of the process.
 */
export function createMemoryReminderQueue({
  processor,
  ratePerSecond,
  attempts,
  backoffMs,
  concurrency = 50,
  logger,
}: {
  processor: ReminderProcessor;
  ratePerSecond: number;
  attempts: number;
  backoffMs: number;
  concurrency?: number;
  logger: Logger;
}): ReminderQueue {
  const seen = new Set<string>();
  let ready: Array<{ job: ReminderJob; made: number }> = [];
  let head = 0;
  let active = 0;
  let windowStart = 0;
  let startedInWindow = 0;
  let closed = false;
  let wake: NodeJS.Timeout | undefined;
  const timers = new Set<NodeJS.Timeout>();

  function later(fn: () => void, ms: number) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  function run(entry: { job: ReminderJob; made: number }) {
    const number = entry.made + 1;
    processor(entry.job, { number, last: number >= attempts })
      .catch((err: unknown) => {
        if (err instanceof FinalSendError || number >= attempts || closed) return;
        logger.debug({ event: 'reminder_retry', attempt: number }, 'reminder send will be retried');
        later(
          () => {
            ready.push({ job: entry.job, made: number });
            pump();
          },
          backoffMs * 2 ** (number - 1),
        );
      })
      .finally(() => {
        active--;
        pump();
      });
  }

  function pump() {
    while (!closed && head < ready.length && active < concurrency) {
      const t = Date.now();
      if (t - windowStart >= 1000) {
        // Clock seconds, as the BullMQ queue's gate counts them.
        windowStart = t - (t % 1000);
        startedInWindow = 0;
      }
      if (startedInWindow >= ratePerSecond) {
        if (!wake) wake = setTimeout(() => ((wake = undefined), pump()), windowStart + 1000 - t);
        return;
      }
      startedInWindow++;
      active++;
      run(ready[head++]!);
    }
    if (head > 10_000 && head * 2 > ready.length) {
      ready = ready.slice(head);
      head = 0;
    }
  }

  return {
    async add(jobs) {
      for (const job of jobs) {
        const id = reminderJobId(job);
        if (seen.has(id)) continue;
        seen.add(id);
        ready.push({ job, made: 0 });
      }
      pump();
    },
    async close() {
      closed = true;
      if (wake) clearTimeout(wake);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
