import { request, type Dispatcher } from 'undici';

/** How one request from WeCom to the app went. */
export interface CallbackExchange {
  /** `null` when no answer arrived (timeout, connection refused or reset). */
  httpStatus: number | null;
  /** The answer's body, `null` when there was none. */
  answer: string | null;
  /** Milliseconds from sending to the whole answer (or the failure), on the real clock. */
  ms: number;
  /** `timeout`, `cancelled`, or the connection error's code (`ECONNREFUSED`, `UND_ERR_SOCKET`, …). */
  error?: string;
}

/**
 * One request as WeCom's callback sender makes it: a fresh connection (`reset`, nothing pooled for a test to trip
 * over), and a hard deadline over the whole exchange, answer body included, after which the connection is cut.
 * `cancel` aborts it without a verdict (the sandbox is closing). Never rejects.
 */
export async function exchange({
  dispatcher,
  method,
  url,
  headers = {},
  body,
  timeoutMs,
  cancel,
}: {
  dispatcher: Dispatcher;
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  cancel: AbortSignal;
}): Promise<CallbackExchange> {
  const started = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCancel = () => controller.abort();
  cancel.addEventListener('abort', onCancel);
  try {
    const res = await request(url, { dispatcher, method, headers, body, reset: true, signal: controller.signal });
    const answer = await res.body.text();
    return { httpStatus: res.statusCode, answer, ms: performance.now() - started };
  } catch (err) {
    const code = timedOut
      ? 'timeout'
      : cancel.aborted
        ? 'cancelled'
        : ((err as { code?: unknown }).code ?? (err as Error).message);
    return { httpStatus: null, answer: null, ms: performance.now() - started, error: String(code) };
  } finally {
    clearTimeout(timer);
    cancel.removeEventListener('abort', onCancel);
  }
}
