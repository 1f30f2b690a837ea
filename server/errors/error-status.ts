import type { ErrorCode } from '../../shared/error-codes';

/**
 * The HTTP status each error code answers with. One table, so a code means the same response wherever it is
 * thrown and a throw names only what went wrong.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_LIVING_ID: 400,
  INVALID_BODY: 400,
  INVALID_RETURN_TO: 400,
  INVALID_URL: 400,
  OAUTH_STATE_INVALID: 400,
  CALLBACK_INVALID: 400,
  CONFIRMATION_REQUIRED: 400,
  // A live made in the WeCom app, not by this one: WeCom lets only the creating app manage it.
  LIVE_NOT_THIS_APP: 403,
  SESSION_REQUIRED: 401,
  SESSION_INVALID: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  LIVE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  LIVE_NOT_WATCHABLE: 409,
  LIVE_ALREADY_STARTED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL_ERROR: 500,
  // No font with Chinese glyphs to draw a poster with: the operator must install or configure one.
  POSTER_UNAVAILABLE: 503,
  UPSTREAM_ERROR: 502,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_RATE_LIMITED: 503,
  UPSTREAM_MISCONFIGURED: 503,
  UPSTREAM_BUSY: 503,
  TOO_MANY_REQUESTS: 429,
};
