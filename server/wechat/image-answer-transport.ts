import { request, type Dispatcher } from 'undici';
import { TransportError, type JsonTransport } from '../upstream/json-transport';

export interface ImageAnswerTransportOptions {
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  /** A 1280-pixel code is a few hundred KB; anything far beyond is not one. */
  maxBodyBytes?: number;
}

/** What an image answer becomes for the call core: a success (errcode 0) carrying the bytes. */
export interface ImageAnswer {
  errcode: 0;
  image: { contentType: string; bytes: Buffer };
}

/**
 * The JSON transport's contract for APIs that answer an image when they succeed and JSON `{errcode, errmsg}` when
 * they fail (`wxa/getwxacodeunlimit`): WeChat tells the two apart only by Content-Type, with HTTP 200 for both. An
 * `image/*` answer becomes an {@link ImageAnswer}; anything else is parsed as JSON, so errcodes, token refusals and
 * limits go through the call core exactly as for any other API.
 */
export function createImageAnswerTransport({
  dispatcher,
  timeoutMs = 5000,
  maxBodyBytes = 4 * 1024 * 1024,
}: ImageAnswerTransportOptions = {}): JsonTransport {
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
    let bytes: Buffer;
    try {
      const length = Number(res.headers['content-length'] ?? 0);
      if (length > maxBodyBytes) {
        res.body.destroy();
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
    const contentType = String(res.headers['content-type'] ?? '').toLowerCase();
    if (contentType.startsWith('image/')) {
      const answer: ImageAnswer = { errcode: 0, image: { contentType: contentType.split(';')[0]!.trim(), bytes } };
      return answer;
    }
    try {
      return JSON.parse(bytes.toString('utf8')) as unknown;
    } catch (err) {
      throw new TransportError('bad_json', 'answer is neither an image nor JSON', res.statusCode, { cause: err });
    }
  };
}
