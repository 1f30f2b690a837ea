import type { Logger } from 'pino';
import type { ReminderState } from '../../shared/api';
import type { LiveCard } from '../../shared/live-card';
import type { StaffReminderStats } from '../../shared/staff-api';
import type { ReminderTemplate } from '../config/config';
import { AppError } from '../errors/app-error';
import type { CardCaller, LiveCardService } from '../lives/live-card-service';
import type { Viewer } from '../sign-in/viewer';
import type { ReminderQueue } from './reminder-job';
import type { ReminderApp, ReminderStore } from './reminder-store';

export interface ReminderServiceOptions {
  store: ReminderStore;
  queue: ReminderQueue;
  cards: Pick<LiveCardService, 'get'>;
  /** Each app's template; an app without one offers no reminder. */
  templates: Partial<Record<ReminderApp, ReminderTemplate>>;
  /** Which app a session belongs to, by its app id. */
  appIds: Record<ReminderApp, string>;
  /** The most reminders one live takes (documented as `REMINDERS_PER_LIVE`). */
  maxPerLive: number;
  logger: Logger;
  now?: () => number;
}

const notThisTemplate = () =>
  new AppError('INVALID_BODY', "templateId: not this platform's reminder template (ask GET …/reminder for it)");

/**
 * 开播提醒: viewers record an accepted subscription for a reserved live (one per viewer, app and live), and when the
 * live starts every subscriber's reminder goes into the queue. Told of lives starting, moving and being cancelled
 * by WeCom's callback, by cards pushed between instances and by the reconciler; each is safe to hear twice.
 */
export function createReminderService({
  store,
  queue,
  cards,
  templates,
  appIds,
  maxPerLive,
  logger,
  now = Date.now,
}: ReminderServiceOptions) {
  const appOf = (viewer: Viewer): ReminderApp | undefined =>
    viewer.appId === appIds.mini ? 'mini' : viewer.appId === appIds.mp ? 'mp' : undefined;

  /** Every reminder of the live not sent yet, into the queue (jobs already there are not added twice). */
  async function enqueueUnsent(livingId: string): Promise<number> {
    const { startMs } = await store.counts(livingId);
    if (startMs === undefined) return 0;
    let cursor = '0';
    let queued = 0;
    do {
      const page = await store.unsent(livingId, cursor);
      await queue.add(page.subscribers.map((s) => ({ livingId, ...s, startMs })));
      queued += page.subscribers.length;
      cursor = page.cursor;
    } while (cursor !== '0');
    return queued;
  }

  /**
   * The live started: its reminders go into the queue, by the one instance that marks the start first (the others
   * hear it too and leave it; should that instance die while queueing, the reconciler queues the rest).
   */
  async function started(livingId: string): Promise<void> {
    const counts = await store.counts(livingId);
    if (counts.started || counts.pending === 0) return;
    if (!(await store.markStarted(livingId, now()))) return;
    const queued = await enqueueUnsent(livingId);
    logger.info({ event: 'reminders_queued', livingId, queued }, 'live started: reminders queued');
  }

  /** What a card says about a live's reminders: started, cancelled or expired (dropped), or moved (kept). */
  async function cardSeen(card: Pick<LiveCard, 'livingId' | 'status' | 'startsAt'>): Promise<void> {
    if (card.status === 'living') return started(card.livingId);
    const counts = await store.counts(card.livingId);
    if (counts.pending === 0 || counts.started) return;
    if (card.status === 'cancelled' || card.status === 'expired' || card.status === 'ended') {
      await store.drop(card.livingId);
      logger.info({ event: 'reminders_dropped', livingId: card.livingId, status: card.status }, 'reminders dropped');
      return;
    }
    const startMs = Date.parse(card.startsAt);
    if (card.status === 'reserved' && startMs !== counts.startMs) {
      await store.move(card.livingId, startMs);
      logger.info(
        { event: 'reminders_moved', livingId: card.livingId },
        'live moved: reminders kept for the new start',
      );
    }
  }

  return {
    enqueueUnsent,
    cardSeen,

    /** WeCom's callback: 1 started; 3 expired, 4 cancelled (and 2, ended, without a start seen) drop what waits. */
    async statusChanged(livingId: string, wecomStatus: number): Promise<void> {
      if (wecomStatus === 1) return started(livingId);
      if (wecomStatus >= 2 && wecomStatus <= 4) {
        const counts = await store.counts(livingId);
        if (counts.pending > 0 && !counts.started) await store.drop(livingId);
      }
    },

    async state(viewer: Viewer, livingId: string, caller?: CardCaller): Promise<ReminderState> {
      const card = await cards.get(livingId, caller);
      const app = appOf(viewer);
      const template = app && templates[app];
      const status = app ? await store.status(livingId, app, viewer.openid) : undefined;
      return {
        templateId: template && card.status === 'reserved' ? template.templateId : null,
        subscribed: status === 'pending' || status === 'sending',
      };
    },

    /** The viewer accepted `templateId` in WeChat's prompt: recorded once for the live's start. */
    async subscribe(viewer: Viewer, livingId: string, templateId: string, caller?: CardCaller): Promise<ReminderState> {
      const app = appOf(viewer);
      const template = app && templates[app];
      if (!app || !template || template.templateId !== templateId) throw notThisTemplate();
      const card = await cards.get(livingId, caller);
      if (card.status !== 'reserved') {
        throw new AppError('LIVE_ALREADY_STARTED', 'Reminders are only taken before a live starts');
      }
      const added = await store.subscribe(
        livingId,
        { app, openid: viewer.openid, templateId },
        Date.parse(card.startsAt),
        maxPerLive,
      );
      if (added === 'full') {
        throw new AppError('TOO_MANY_REQUESTS', 'This live takes no more reminders', { retryAfter: 3600 });
      }
      return { templateId, subscribed: true };
    },

    async stats(livingId: string): Promise<StaffReminderStats> {
      await cards.get(livingId);
      const counts = await store.counts(livingId);
      return {
        subscribers: counts.subscribers,
        pending: counts.pending,
        sent: counts.sent,
        failed: Object.entries(counts.failed)
          .filter(([, count]) => count > 0)
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
        sending: counts.started && counts.pending > 0,
      };
    },
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
