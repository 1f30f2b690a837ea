import { memberOf, type ReminderStatus, type ReminderStore, type Subscriber } from './reminder-store';

interface Entry {
  subscriber: Subscriber;
  status: ReminderStatus;
}

interface LiveReminders {
  entries: Map<string, Entry>;
  startMs: number;
  started: boolean;
  startedAt?: number;
  sent: number;
  failed: Map<string, number>;
  unsent: number;
}

/** The reminders in this process (memory mode: one instance; they are lost on restart). */
export function createMemoryReminderStore(): ReminderStore {
  const lives = new Map<string, LiveReminders>();
  return {
    async subscribe(livingId, subscriber, startMs, cap) {
      let live = lives.get(livingId);
      if (!live) {
        live = { entries: new Map(), startMs, started: false, sent: 0, failed: new Map(), unsent: 0 };
        lives.set(livingId, live);
      }
      live.startMs = startMs;
      const member = memberOf(subscriber.app, subscriber.openid);
      if (live.entries.has(member)) return 'exists';
      if (live.entries.size >= cap) return 'full';
      live.entries.set(member, { subscriber, status: 'pending' });
      live.unsent++;
      return 'added';
    },
    async status(livingId, app, openid) {
      return lives.get(livingId)?.entries.get(memberOf(app, openid))?.status;
    },
    async counts(livingId) {
      const live = lives.get(livingId);
      return {
        subscribers: live?.entries.size ?? 0,
        pending: live?.unsent ?? 0,
        sent: live?.sent ?? 0,
        failed: Object.fromEntries(live?.failed ?? []),
        started: live?.started ?? false,
        startedAt: live?.startedAt,
        startMs: live?.startMs,
      };
    },
    async move(livingId, startMs) {
      const live = lives.get(livingId);
      if (live) live.startMs = startMs;
    },
    async markStarted(livingId, atMs) {
      const live = lives.get(livingId);
      if (!live || live.started) return false;
      live.started = true;
      live.startedAt = atMs;
      return true;
    },
    async drop(livingId) {
      lives.delete(livingId);
    },
    async unsent(livingId) {
      const live = lives.get(livingId);
      const subscribers = [...(live?.entries.values() ?? [])]
        .filter((e) => e.status === 'pending' || e.status === 'sending')
        .map((e) => e.subscriber);
      return { subscribers, cursor: '0' };
    },
    async claim(livingId, app, openid) {
      const entry = lives.get(livingId)?.entries.get(memberOf(app, openid));
      if (!entry) return 'done';
      if (entry.status === 'sending') return 'resume';
      if (entry.status !== 'pending') return 'done';
      entry.status = 'sending';
      return 'go';
    },
    async release(livingId, app, openid) {
      const entry = lives.get(livingId)?.entries.get(memberOf(app, openid));
      if (entry?.status === 'sending') entry.status = 'pending';
    },
    async finish(livingId, app, openid, outcome) {
      const live = lives.get(livingId);
      const entry = live?.entries.get(memberOf(app, openid));
      if (!live || !entry || (entry.status !== 'pending' && entry.status !== 'sending')) return;
      live.unsent--;
      if ('sent' in outcome) {
        entry.status = 'sent';
        live.sent++;
      } else {
        entry.status = 'failed';
        live.failed.set(outcome.failed, (live.failed.get(outcome.failed) ?? 0) + 1);
      }
    },
    async due(untilMs) {
      return [...lives]
        .filter(([, live]) => live.unsent > 0 && live.startMs <= untilMs)
        .map(([livingId, live]) => ({ livingId, startMs: live.startMs }));
    },
  };
}
