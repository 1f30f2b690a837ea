import type { Logger } from 'pino';
import { isAppError } from '../errors/app-error';
import type { LiveCardService } from '../lives/live-card-service';
import type { IdSet } from '../store/id-set';
import type { Store } from '../store/store';
import type { ReminderService } from './reminder-service';
import type { ReminderStore } from './reminder-store';

export interface ReminderReconcilerOptions {
  store: ReminderStore;
  /** The shared store: one poll per live and interval across all instances. */
  shared: Store;
  reminders: Pick<ReminderService, 'cardSeen' | 'enqueueUnsent'>;
  cards: Pick<LiveCardService, 'refresh'>;
  /** Lives this app created: WeCom calls back about those (when push is on), so they are polled only when late. */
  createdLives: IdSet;
  pushOn: boolean;
  /** The tick, and the poll interval of a live near its start (`REMINDER_POLL_SECONDS`). */
  pollMs: number;
  now?: () => number;
  logger: Logger;
}

/** A live WeCom calls back about is looked at only if its start passed this long ago without a start heard. */
const CALLBACK_GRACE_MS = 10 * 60_000;
/** A started live's unsent reminders are queued again at most this often (an instance died while queueing). */
const REQUEUE_EVERY_MS = 5 * 60_000;

/**
 * How long to wait before looking at a live again, by how late its start is: every `pollMs` from `pollMs` before it
 * to ten minutes after, then every ten polls until two hours, then every hour. A live starts late more often than
 * early, and WeCom expires a live that never started (status 3), which drops its reminders.
 */
export function pollInterval(lateMs: number, pollMs: number): number {
  if (lateMs < 10 * 60_000) return pollMs;
  if (lateMs < 2 * 3600_000) return 10 * pollMs;
  return Math.max(10 * pollMs, 3600_000);
}

/**
 * For lives WeCom does not call back about (not created by this app, or push off): asks `get_living_info` (through
 * the card service, so within the WeCom budget) about lives with reminders not yet sent, and only around their
 * start (`store.due`), then applies what the card says (started, moved, cancelled). A live that started is looked
 * at again only to queue reminders an instance may have left unqueued.
 */
export function createReminderReconciler({
  store,
  shared,
  reminders,
  cards,
  createdLives,
  pushOn,
  pollMs,
  now = Date.now,
  logger,
}: ReminderReconcilerOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function look(livingId: string, startMs: number): Promise<boolean> {
    const counts = await store.counts(livingId);
    if (counts.started) {
      // The instance that heard the start is queueing: only long after it may it have died halfway.
      if (now() - (counts.startedAt ?? 0) < REQUEUE_EVERY_MS) return false;
      if (await shared.add(`reminders:requeue:${livingId}`, true, REQUEUE_EVERY_MS)) {
        await reminders.enqueueUnsent(livingId);
      }
      return false;
    }
    const late = now() - startMs;
    if (pushOn && late < CALLBACK_GRACE_MS && (await createdLives.has(livingId))) return false;
    if (!(await shared.add(`reminders:poll:${livingId}`, true, pollInterval(late, pollMs)))) return false;
    try {
      await reminders.cardSeen(await cards.refresh(livingId));
    } catch (err) {
      if (isAppError(err) && err.code === 'LIVE_NOT_FOUND') {
        await reminders.cardSeen({ livingId, status: 'cancelled', startsAt: new Date(startMs).toISOString() });
      } else {
        logger.warn({ event: 'reminder_poll_failed', livingId, err: String(err) }, 'reminder poll failed');
      }
    }
    return true;
  }

  /** One pass: resolves to the number of lives asked about. */
  async function tick(): Promise<number> {
    let asked = 0;
    for (const { livingId, startMs } of await store.due(now() + pollMs)) {
      if (await look(livingId, startMs)) asked++;
    }
    return asked;
  }

  return {
    tick,
    start() {
      timer ??= setInterval(() => {
        running ??= tick()
          .catch((err: unknown) => {
            logger.warn({ event: 'reminder_reconcile_failed', err: String(err) }, 'reminder reconcile failed');
            return 0;
          })
          .finally(() => (running = undefined));
      }, pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type ReminderReconciler = ReturnType<typeof createReminderReconciler>;
