import { request, type Dispatcher } from 'undici';

export interface JsonRequest {
  method: 'GET' | 'POST';
  /** Full URL including the query string. Never logged: it may hold an access token or a secret. */
  url: string;
  body?: unknown;
}

export interface JsonTransportOptions {
  /** undici dispatcher (connection pool); tests and the benchmark may pass their own. */
  dispatcher?: Dispatcher;
  /** Whole-request budget in milliseconds. */
  timeoutMs?: number;
  /** Bodies larger than this are refused rather than buffered. */
  maxBodyBytes?: number;
}

/** Why a request produced no usable JSON. Stable strings, matched by the retry logic. */
export type TransportFailure = 'timeout' | 'connection' | 'http_status' | 'bad_json' | 'too_large';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly failure: TransportFailure,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type JsonTransport = (req: JsonRequest) => Promise<unknown>;

/**
 * One HTTP exchange with a JSON API. WeCom and WeChat answer failures with HTTP 200 and an errcode, so a non-2xx
 * status means the platform (or a proxy in front of it) is unwell, and is reported as a transport failure.
 */
export function createJsonTransport({
  dispatcher,
  timeoutMs = 5000,
  maxBodyBytes = 1024 * 1024,
}: JsonTransportOptions = {}): JsonTransport {
  return async ({ method, url, body }) => {
    const signal = AbortSignal.timeout(timeoutMs);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method,
        dispatcher,
        signal,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw signal.aborted
        ? new TransportError('timeout', `no answer within ${timeoutMs} ms`, undefined, { cause: err })
        : new TransportError('connection', `connection failed: ${(err as Error).message}`, undefined, { cause: err });
    }
    let text: string;
    try {
      const length = Number(res.headers['content-length'] ?? 0);
      if (length > maxBodyBytes) {
        res.body.destroy();
        throw new TransportError('too_large', `answer of ${length} bytes`);
      }
      text = await res.body.text();
    } catch (err) {
      if (err instanceof TransportError) throw err;
      throw signal.aborted
        ? new TransportError('timeout', `answer not finished within ${timeoutMs} ms`, res.statusCode, { cause: err })
        : new TransportError('connection', `answer cut off: ${(err as Error).message}`, res.statusCode, { cause: err });
    }
    if (res.statusCode < 200 || res.statusCode > 299) {
      throw new TransportError('http_status', `HTTP ${res.statusCode}`, res.statusCode);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new TransportError('bad_json', 'answer is not JSON', res.statusCode, { cause: err });
    }
  };
}
