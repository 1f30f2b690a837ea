import type { ErrorCode } from '../../shared/error-codes';
import type { ErrorCodec } from '../store/error-codec';
import { AppError } from './app-error';
import { UpstreamError, type UpstreamErrorCode } from './upstream-error';

type Encoded =
  | { kind: 'upstream'; code: UpstreamErrorCode; api: string; errcode?: number; detail: string; retryAfter?: number }
  | { kind: 'app'; code: ErrorCode; message: string; expose: boolean; retryAfter?: number; reason?: AppError['reason'] }
  | { kind: 'other'; message: string };

/** `AppError`s and `UpstreamError`s survive the trip through a shared store with their code, status and details. */
export const appErrorCodec: ErrorCodec = {
  encode(err): Encoded {
    if (err instanceof UpstreamError) {
      const { code, api, errcode, detail, retryAfter } = err;
      return { kind: 'upstream', code: code as UpstreamErrorCode, api, errcode, detail, retryAfter };
    }
    if (err instanceof AppError) {
      const { code, message, expose, retryAfter, reason } = err;
      return { kind: 'app', code, message, expose, retryAfter, reason };
    }
    return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
  },
  decode(data) {
    const e = data as Encoded;
    if (e.kind === 'upstream')
      return new UpstreamError(e.code, e.api, e.errcode ?? undefined, e.detail, {
        retryAfter: e.retryAfter ?? undefined,
      });
    if (e.kind === 'app')
      return new AppError(e.code, e.message, {
        expose: e.expose,
        retryAfter: e.retryAfter ?? undefined,
        reason: e.reason ?? undefined,
      });
    return new Error(e.message);
  },
};
