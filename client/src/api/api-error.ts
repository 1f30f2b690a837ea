import type { ClientErrorCode, QueuePlace } from '../../../shared/error-codes';
import type { NotWatchableReason } from '../../../shared/watch-access';

export type { ClientErrorCode };

export interface ApiErrorInit {
  code: ClientErrorCode;
  /** For logs and developers: the BFF's own words (English for the staff routes), or the client's. */
  message: string;
  /** HTTP status; 0 when there was no response. */
  status: number;
  /** Seconds from `Retry-After`, when the BFF sent one (429/503). */
  retryAfterSeconds?: number;
  /** `error.reason` of a 409 `LIVE_NOT_WATCHABLE`. */
  reason?: NotWatchableReason;
  /** Where the viewer waits (503 `UPSTREAM_BUSY`). */
  queue?: QueuePlace;
  cause?: unknown;
}

/**
 * Every failed BFF call, from the viewer's pages (mini program and H5) and from the staff console alike. Match on
 * `code` (a closed union: the BFF's codes from `shared/` plus the client's own) and `status`, never on the
 * message; what a person reads is chosen by `code` on each side.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ClientErrorCode;
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly reason?: NotWatchableReason;
  readonly queue?: QueuePlace;

  constructor({ code, message, status, retryAfterSeconds, reason, queue, cause }: ApiErrorInit) {
    super(message, { cause });
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.reason = reason;
    this.queue = queue;
  }
}

/** Whether `error` is an {@link ApiError}, and (when codes are given) one with one of those codes. */
export function isApiError(error: unknown, ...codes: ClientErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}
