import type { Response } from 'superagent';

/**
 * A supertest parser that keeps any answer as its UTF-8 text (`.buffer(true).parse(textBody)`): supertest only
 * collects text for `text/*` types it knows, and a CSV export must be read whole, byte order mark included.
 */
export function textBody(res: Response, done: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
}
