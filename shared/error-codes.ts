import type { NotWatchableReason } from './watch-access';

/**
 * Every `error.code` the BFF sends. The client switches on these names, so they are a closed union.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'INVALID_LIVING_ID',
  'INVALID_BODY',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'LIVE_NOT_FOUND',
  'LIVE_NOT_WATCHABLE',
  'LIVE_ALREADY_STARTED',
  'CONFIRMATION_REQUIRED',
  'LIVE_NOT_THIS_APP',
  'SESSION_REQUIRED',
  'SESSION_INVALID',
  'FORBIDDEN',
  'LOGIN_FAILED',
  'INVALID_RETURN_TO',
  'INVALID_URL',
  'OAUTH_STATE_INVALID',
  'UPSTREAM_RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_MISCONFIGURED',
  'UPSTREAM_ERROR',
  'UPSTREAM_BUSY',
  'TOO_MANY_REQUESTS',
  'CALLBACK_INVALID',
  'INTERNAL_ERROR',
  'POSTER_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Codes the client adds to the BFF's own: the request never got an answer, or none within the client's timeout
 * (`NETWORK_ERROR`), the answer was not the JSON the contract promises or named a code this build does not know,
 * from a newer BFF (`BAD_RESPONSE`), the page cannot open WeCom's live mini program from where it runs
 * (`LAUNCH_UNAVAILABLE`), WeChat's JS-SDK refused the page or never answered (`WECHAT_SDK_FAILED`). Closed like
 * {@link ErrorCode}: an unknown code is mapped where the answer is parsed, never let through.
 */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'LAUNCH_UNAVAILABLE' | 'WECHAT_SDK_FAILED';

/** A viewer's place in the line for a living code (503 `UPSTREAM_BUSY`): come back after `Retry-After`. */
export interface QueuePlace {
  /** 1 = next. */
  position: number;
  etaSeconds: number;
}

/**
 * The body of every non-2xx JSON answer; `reason` says why a live is not watchable (409 `LIVE_NOT_WATCHABLE`),
 * `queue` where a waiting viewer stands (503 `UPSTREAM_BUSY`).
 */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; reason?: NotWatchableReason };
  queue?: QueuePlace;
}
