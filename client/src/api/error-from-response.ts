import { ERROR_CODES, type ClientErrorCode, type ErrorCode, type QueuePlace } from '../../../shared/error-codes';
import { isNotWatchableReason } from '../../../shared/watch-access';
import { ApiError } from './api-error';
import { parseRetryAfter } from './retry-after';

export interface ErrorResponse {
  status: number;
  /** The parsed JSON body, or `undefined` when it was not JSON (a proxy's HTML page). */
  body: unknown;
  /** The `Retry-After` header as received. */
  retryAfter?: string | null;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);
const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && KNOWN_CODES.has(value);

/**
 * The `error.code` of an answer as this build's closed union. A code this build does not know (a newer BFF, or no
 * code at all) becomes `BAD_RESPONSE`: the answer is not the contract this build was compiled against. The status
 * still says what kind of failure it was, and callers that care (the console's words, retries) read it.
 */
export function errorCodeOf(value: unknown): ClientErrorCode {
  return isErrorCode(value) ? value : 'BAD_RESPONSE';
}

/**
 * The {@link ApiError} for a non-2xx answer of the BFF (`ApiErrorBody` in `shared/error-codes.ts`): its code, its
 * message, the reason of a 409 `LIVE_NOT_WATCHABLE`, the viewer's place in line of a 503 `UPSTREAM_BUSY`, and
 * `Retry-After`. The one parsing boundary for the viewer's http layer and the staff console's client.
 */
export function errorFromResponse({ status, body: data, retryAfter }: ErrorResponse): ApiError {
  const body = data as { error?: { code?: unknown; message?: unknown; reason?: unknown }; queue?: unknown } | null;
  const error = body?.error;
  return new ApiError({
    code: errorCodeOf(error?.code),
    status,
    message: typeof error?.message === 'string' ? error.message : `HTTP ${status}`,
    reason: isNotWatchableReason(error?.reason) ? error.reason : undefined,
    queue: queuePlace(body?.queue),
    retryAfterSeconds: parseRetryAfter(retryAfter),
  });
}

/** `queue` of a 503 `UPSTREAM_BUSY`, if it has the shape the contract promises. */
function queuePlace(value: unknown): QueuePlace | undefined {
  const q = value as { position?: unknown; etaSeconds?: unknown } | null | undefined;
  return typeof q?.position === 'number' && typeof q.etaSeconds === 'number'
    ? { position: q.position, etaSeconds: q.etaSeconds }
    : undefined;
}
