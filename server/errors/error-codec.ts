import type { ErrorCode, QueuePlace } from '../../shared/error-codes';
import type { ErrorCodec } from '../store/error-codec';
import { AppError } from './app-error';
import { UpstreamError, type UpstreamErrorCode } from './upstream-error';

interface EncodedUpstream {
  kind: 'upstream';
  code: UpstreamErrorCode;
  api: string;
  errcode?: number;
  detail: string;
  retryAfter?: number;
  queue?: QueuePlace;
}

interface EncodedApp {
  kind: 'app';
  code: ErrorCode;
  message: string;
  expose: boolean;
  retryAfter?: number;
  reason?: AppError['reason'];
  queue?: QueuePlace;
}

type Encoded = EncodedUpstream | EncodedApp | { kind: 'other'; message: string };

/** JSON drops `undefined`; a decoded field may come back as `null` from other encoders. Treat both as absent. */
const present = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** `AppError`s and `UpstreamError`s survive the trip through a shared store with their code, status and details. */
export const appErrorCodec: ErrorCodec = {
  encode(err): Encoded {
    if (err instanceof UpstreamError) {
      const { code, api, errcode, detail, retryAfter, queue } = err;
      return { kind: 'upstream', code: code as UpstreamErrorCode, api, errcode, detail, retryAfter, queue };
    }
    if (err instanceof AppError) {
      const { code, message, expose, retryAfter, reason, queue } = err;
      return { kind: 'app', code, message, expose, retryAfter, reason, queue };
    }
    return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
  },
  decode(data) {
    const e = data as Encoded;
    if (e.kind === 'upstream') {
      return new UpstreamError(e.code, e.api, present(e.errcode), e.detail, {
        retryAfter: present(e.retryAfter),
        queue: present(e.queue),
      });
    }
    if (e.kind === 'app') {
      return new AppError(e.code, e.message, {
        expose: e.expose,
        retryAfter: present(e.retryAfter),
        reason: present(e.reason),
        queue: present(e.queue),
      });
    }
    return new Error(e.message);
  },
};
