import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedCallback {
  method: string;
  /** The raw request target, query string included, exactly as sent. */
  rawUrl: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
  /** performance.now() when the request had arrived in full. */
  at: number;
}

/** How to answer one request: a status and body, after `delayMs`; `hang` never answers. */
export interface ReceiverAnswer {
  status?: number;
  body?: string;
  delayMs?: number;
  hang?: boolean;
}

type Plan = ReceiverAnswer | ((request: ReceivedCallback) => ReceiverAnswer);

/**
 * The app's side of WeCom's callbacks, as small as can be: records every request and answers as told (a queue of
 * one-off answers, then the default, HTTP 200 with an empty body).
 */
export async function startReceiver() {
  const received: ReceivedCallback[] = [];
  const queue: Plan[] = [];
  let fallback: Plan = {};
  const waiters: Array<{ count: number; resolve: () => void }> = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ReceivedCallback = {
      method: req.method ?? '',
      rawUrl: req.url ?? '',
      query: new URL(req.url ?? '/', 'http://receiver').searchParams,
      contentType: req.headers['content-type'],
      body: Buffer.concat(chunks).toString('utf8'),
      at: performance.now(),
    };
    received.push(request);
    for (const waiter of [...waiters]) {
      if (received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    const plan = queue.shift() ?? fallback;
    const answer = typeof plan === 'function' ? plan(request) : plan;
    if (answer.hang) return;
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (res.destroyed) return;
    res.statusCode = answer.status ?? 200;
    res.end(answer.body ?? '');
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/wecom/callback`,
    received,
    /** Answers the next requests so, one plan each, before falling back to the default. */
    next(...plans: Plan[]) {
      queue.push(...plans);
    },
    /** Answers every request not covered by `next` so. */
    always(plan: Plan) {
      fallback = plan;
    },
    /** Resolves once `count` requests have arrived in all. */
    waitFor(count: number) {
      return new Promise<void>((resolve) => {
        if (received.length >= count) resolve();
        else waiters.push({ count, resolve });
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
