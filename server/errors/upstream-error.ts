import type { QueuePlace } from '../../shared/error-codes';
import { AppError } from './app-error';

export type UpstreamErrorCode =
  'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_RATE_LIMITED' | 'UPSTREAM_MISCONFIGURED' | 'UPSTREAM_ERROR' | 'UPSTREAM_BUSY';

const PUBLIC_MESSAGE: Record<UpstreamErrorCode, string> = {
  UPSTREAM_UNAVAILABLE: 'The live service is temporarily unavailable, please retry shortly',
  UPSTREAM_RATE_LIMITED: 'The live service is busy, please retry shortly',
  UPSTREAM_MISCONFIGURED: 'The live service is not configured correctly',
  UPSTREAM_ERROR: 'The live service answered with an error',
  UPSTREAM_BUSY: 'Many people are joining right now: you are in the queue',
};

/**
 * A failed call to WeCom or WeChat. `api` and `errcode` are for logs and for the platform client that turns a
 * refusal into a typed outcome (an unknown live, a spent login code); clients only ever see the public message.
 * `errcode` is undefined when there was none: the platform could not be reached, or its answer was malformed.
 */
export class UpstreamError extends AppError {
  override name = 'UpstreamError';

  constructor(
    code: UpstreamErrorCode,
    readonly api: string,
    readonly errcode: number | undefined,
    /** What went wrong, for the log only. */
    readonly detail: string,
    options: { retryAfter?: number; queue?: QueuePlace; cause?: unknown } = {},
  ) {
    super(code, PUBLIC_MESSAGE[code], { expose: true, ...options });
  }

  /** True when the platform is failing rather than refusing this particular request: a cached copy may stand in. */
  get isOutage(): boolean {
    return this.code !== 'UPSTREAM_ERROR';
  }

  /** True when the platform answered this request with an errcode of its own meaning (not a limit or outage). */
  get isRefusal(): boolean {
    return this.code === 'UPSTREAM_ERROR' && this.errcode !== undefined;
  }
}

/** An answer without the field the call exists for: neither a refusal nor an outage. */
export const malformedAnswer = (api: string, detail: string) =>
  new UpstreamError('UPSTREAM_ERROR', api, undefined, detail);

export function isUpstreamError(err: unknown): err is UpstreamError {
  return err instanceof UpstreamError;
}
