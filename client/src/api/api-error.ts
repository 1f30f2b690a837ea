import { ERROR_CODES, type ClientErrorCode, type ErrorCode, type QueuePlace } from '../../../shared/error-codes';
import type { NotWatchableReason } from '../../../shared/watch-access';

export type { ClientErrorCode };

export interface ApiErrorInit {
  code: ClientErrorCode;
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

/** Every failed BFF call. Match on `code`, never on the message. */
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

export function isApiError(error: unknown, ...codes: ClientErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}
