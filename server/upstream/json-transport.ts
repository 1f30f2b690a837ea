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

/** An answer as it came off the wire: status, headers and the whole body (within the size limit). */
export interface RawAnswer {
  statusCode: number;
  headers: Dispatcher.ResponseData['headers'];
  bytes: Buffer;
}

/**
 * One HTTP exchange with a platform: the request sent (a JSON body when there is one), the whole answer read within
 * `timeoutMs` and `maxBodyBytes`, every way it can fail turned into a {@link TransportError}. WeCom and WeChat
 * answer failures with HTTP 200 and an errcode, so a non-2xx status means the platform (or a proxy in front of it)
 * is unwell, and is a transport failure too. What the bytes mean is the caller's to read.
 */
export async function exchange(
  { method, url, body }: JsonRequest,
  { dispatcher, timeoutMs = 5000, maxBodyBytes = 1024 * 1024 }: JsonTransportOptions = {},
): Promise<RawAnswer> {
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
  let bytes: Buffer;
  try {
    const length = Number(res.headers['content-length'] ?? 0);
    if (length > maxBodyBytes) {
      // undici's body emits RequestAbortedError when destroyed: unheard, that 'error' would end the process.
      res.body.once('error', () => undefined).destroy();
      throw new TransportError('too_large', `answer of ${length} bytes`);
    }
    bytes = Buffer.from(await res.body.arrayBuffer());
  } catch (err) {
    if (err instanceof TransportError) throw err;
    throw signal.aborted
      ? new TransportError('timeout', `answer not finished within ${timeoutMs} ms`, res.statusCode, { cause: err })
      : new TransportError('connection', `answer cut off: ${(err as Error).message}`, res.statusCode, { cause: err });
  }
  if (bytes.length > maxBodyBytes) throw new TransportError('too_large', `answer of ${bytes.length} bytes`);
  if (res.statusCode < 200 || res.statusCode > 299) {
    throw new TransportError('http_status', `HTTP ${res.statusCode}`, res.statusCode);
  }
  return { statusCode: res.statusCode, headers: res.headers, bytes };
}

/** The answer's body as JSON, or a `bad_json` transport failure. */
export function parseJson({ bytes, statusCode }: RawAnswer, what = 'answer is not JSON'): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    throw new TransportError('bad_json', what, statusCode, { cause: err });
  }
}

/** The transport of every JSON API of both platforms: one {@link exchange}, its body parsed as JSON. */
export function createJsonTransport(options: JsonTransportOptions = {}): JsonTransport {
  return async (req) => parseJson(await exchange(req, options));
}
