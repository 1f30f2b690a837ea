import type { ReminderApp } from './reminder-store';

/** One reminder to send: one subscriber of one live, for one start. */
export interface ReminderJob {
  livingId: string;
  app: ReminderApp;
  openid: string;
  templateId: string;
  startMs: number;
}

/**
 * The job's id, the same on every instance: live + app + openid + start. The queue takes a job once however many
 * instances add it (and a move of the start makes new ones). BullMQ ids may not contain `:`.
 */
export const reminderJobId = ({ livingId, app, openid, startMs }: ReminderJob) =>
  `remind|${livingId}|${app}|${openid}|${startMs}`;

/** A send that must not be tried again (WeChat's reason is final); the queue gives the job up at once. */
export class FinalSendError extends Error {
  override readonly name = 'FinalSendError';
  constructor(readonly reason: string) {
    super(`reminder not sent: ${reason}`);
  }
}

/** The send must wait for the next second (the rate is spent): the job goes back to wait, not an attempt. */
export class PacedError extends Error {
  override readonly name = 'PacedError';
  constructor() {
    super('reminder paced to the next second');
  }
}

/** One run of a job: which attempt it is, and (BullMQ) the rate's gate, asked right before the message leaves. */
export interface ReminderAttempt {
  number: number;
  last: boolean;
  /** True: send now; false: the second's share is spent (throw `PacedError`). Absent: the queue paces itself. */
  pace?: () => Promise<boolean>;
}

/**
 * What sends one reminder; throws `FinalSendError` (no retry), `PacedError` (later, not an attempt) or any other
 * error (retried with back-off).
 */
export type ReminderProcessor = (job: ReminderJob, attempt: ReminderAttempt) => Promise<void>;

/** Where reminder jobs wait, and who works them: BullMQ on Redis, or this process alone. */
export interface ReminderQueue {
  add(jobs: readonly ReminderJob[]): Promise<void>;
  /**
   * Stops taking jobs; those in hand finish (BullMQ) or are dropped (memory). `force`: as a killed process would,
   * without waiting for them (BullMQ: their locks lapse and another worker runs them again).
   */
  close(options?: { force?: boolean }): Promise<void>;
}
