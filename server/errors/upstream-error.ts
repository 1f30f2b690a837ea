import { AppError } from './app-error';

export type UpstreamErrorCode =
  'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_RATE_LIMITED' | 'UPSTREAM_MISCONFIGURED' | 'UPSTREAM_ERROR';

const STATUS: Record<UpstreamErrorCode, number> = {
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_RATE_LIMITED: 503,
  UPSTREAM_MISCONFIGURED: 503,
  UPSTREAM_ERROR: 502,
};

const PUBLIC_MESSAGE: Record<UpstreamErrorCode, string> = {
  UPSTREAM_UNAVAILABLE: 'The live service is temporarily unavailable, please retry shortly',
  UPSTREAM_RATE_LIMITED: 'The live service is busy, please retry shortly',
  UPSTREAM_MISCONFIGURED: 'The live service is not configured correctly',
  UPSTREAM_ERROR: 'The live service answered with an error',
};

/**
 * A failed call to WeCom or WeChat. `api` and `errcode` are for logs and for callers that translate a refusal
 * (e.g. an unknown live); clients only ever see the public message.
 */
export class UpstreamError extends AppError {
  override name = 'UpstreamError';

  constructor(
    code: UpstreamErrorCode,
    readonly api: string,
    readonly errcode: number | undefined,
    /** What went wrong, for the log only. */
    readonly detail: string,
    options: { retryAfter?: number; cause?: unknown } = {},
  ) {
    super(code, STATUS[code], PUBLIC_MESSAGE[code], { expose: true, ...options });
  }

  /** True when WeCom is failing rather than refusing this particular request: a cached copy may stand in. */
  get isOutage(): boolean {
    return this.code !== 'UPSTREAM_ERROR';
  }
}

export function isUpstreamError(err: unknown): err is UpstreamError {
  return err instanceof UpstreamError;
}
