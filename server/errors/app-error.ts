import type { ErrorCode, QueuePlace } from '../../shared/error-codes';
import type { NotWatchableReason } from '../../shared/watch-access';
import { ERROR_STATUS } from './error-status';

export interface AppErrorOptions {
  /** Whether `message` may be shown to the client; otherwise a generic message is sent. Defaults to status < 500. */
  expose?: boolean;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** Why a live is not watchable, sent as `error.reason`. */
  reason?: NotWatchableReason;
  /** Where a waiting viewer stands, sent as `queue`. */
  queue?: QueuePlace;
  cause?: unknown;
}

/**
 * The one error type the HTTP layer turns into a response: a stable `code` from `shared/error-codes`, the HTTP
 * status that code has (`error-status.ts`), and whether its message is safe to show. Match on `code`, not on the
 * class.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  readonly expose: boolean;
  readonly retryAfter: number | undefined;
  readonly reason: NotWatchableReason | undefined;
  readonly queue: QueuePlace | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    { expose, retryAfter, reason, queue, cause }: AppErrorOptions = {},
  ) {
    super(message, { cause });
    this.status = ERROR_STATUS[code];
    this.expose = expose ?? this.status < 500;
    this.retryAfter = retryAfter;
    this.reason = reason;
    this.queue = queue;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
