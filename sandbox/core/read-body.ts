import type { IncomingMessage } from 'node:http';

/** Far above anything the emulated APIs take; a larger body is a client bug worth a loud failure. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * The request body as text, whatever its Content-Type: WeCom parses POST bodies as JSON even when a client
 * forgets the header, so the sandbox must not depend on it either.
 */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw new BodyTooLargeError(`body over ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** How a body is recorded in the call log: parsed JSON when it is JSON, else the text, `null` when empty. */
export function bodyForLog(rawBody: string): unknown {
  if (rawBody === '') return null;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}
