/** Which of our apps a reminder goes through: the mini program (`subscribe/send`) or the service account (`bizsend`). */
export type ReminderApp = 'mini' | 'mp';

/** One viewer's accepted subscription: their openid in that app, and the template they accepted. */
export interface Subscriber {
  app: ReminderApp;
  openid: string;
  templateId: string;
}

/**
 * Where a subscriber's reminder stands: `pending` (recorded, not sent), `sending` (a worker took it; if it was
 * killed there, the next one must not count a "no send left" as a failure), `sent`, or `failed` with WeChat's reason.
 */
export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** What `claim` found: send it; send it, though a worker may have sent it before dying; or leave it (done, gone). */
export type Claim = 'go' | 'resume' | 'done';

export interface ReminderCounts {
  subscribers: number;
  /** Pending and sending together: not sent yet. */
  pending: number;
  sent: number;
  failed: Record<string, number>;
  /** The start was seen: messages are being queued or sent. */
  started: boolean;
  /** When the start was first heard (ms). */
  startedAt: number | undefined;
  /** The start the reminders are for (ms), the live's reserve_start when last recorded or moved. */
  startMs: number | undefined;
}

/**
 * The 开播提醒 of every live, shared by every instance (Redis) or kept in this process (memory). Per live: one entry
 * per subscriber (keyed by app + openid, so asking again changes nothing), counters kept in step with the entries
 * (the staff read is O(1)), the start they are for, and a schedule of lives with reminders not yet sent, by start,
 * for the reconciler. Every state change of a subscriber is one atomic step, so two instances can race on it.
 */
export interface ReminderStore {
  /** Records `subscriber` for the live's start `startMs`; `full` once the live holds `cap` subscribers. */
  subscribe(
    livingId: string,
    subscriber: Subscriber,
    startMs: number,
    cap: number,
  ): Promise<'added' | 'exists' | 'full'>;
  status(livingId: string, app: ReminderApp, openid: string): Promise<ReminderStatus | undefined>;
  counts(livingId: string): Promise<ReminderCounts>;
  /** The live's start moved: its reminders wait for the new one. No-op for a live without reminders. */
  move(livingId: string, startMs: number): Promise<void>;
  /** The start was seen (staff see "sending"): true for the one caller that marked it first. */
  markStarted(livingId: string, atMs: number): Promise<boolean>;
  /** The live was cancelled: every reminder of it is forgotten. */
  drop(livingId: string): Promise<void>;
  /** Subscribers not sent yet, a page at a time (`cursor` '0' to begin; '0' back when done). */
  unsent(livingId: string, cursor: string): Promise<{ subscribers: Subscriber[]; cursor: string }>;
  /** A worker takes a subscriber's reminder (pending → sending). */
  claim(livingId: string, app: ReminderApp, openid: string): Promise<Claim>;
  /** A send failed for a passing reason and will be tried again: sending → pending. */
  release(livingId: string, app: ReminderApp, openid: string): Promise<void>;
  /** Sent, or failed for `reason`: counted once, however often it is told. */
  finish(
    livingId: string,
    app: ReminderApp,
    openid: string,
    outcome: { sent: true } | { failed: string },
  ): Promise<void>;
  /** Lives with reminders not yet sent whose start is at or before `untilMs`, with their starts. */
  due(untilMs: number): Promise<Array<{ livingId: string; startMs: number }>>;
}

/** The one string a subscriber's entry is kept under, per live. */
export const memberOf = (app: ReminderApp, openid: string) => `${app}|${openid}`;

export function subscriberOf(member: string, templateId: string): Subscriber | undefined {
  const bar = member.indexOf('|');
  const app = member.slice(0, bar);
  if (app !== 'mini' && app !== 'mp') return undefined;
  return { app, openid: member.slice(bar + 1), templateId };
}
