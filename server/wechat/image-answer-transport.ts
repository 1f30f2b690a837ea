import type { Dispatcher } from 'undici';
import { exchange, parseJson, type JsonTransport } from '../upstream/json-transport';

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
  maxBodyBytes = 4 * 1024 * 1024,
  ...options
}: ImageAnswerTransportOptions = {}): JsonTransport {
  return async (req) => {
    const answer = await exchange(req, { ...options, maxBodyBytes });
    const contentType = String(answer.headers['content-type'] ?? '').toLowerCase();
    if (!contentType.startsWith('image/')) return parseJson(answer, 'answer is neither an image nor JSON');
    const image: ImageAnswer = {
      errcode: 0,
      image: { contentType: contentType.split(';')[0]!.trim(), bytes: answer.bytes },
    };
    return image;
  };
}
