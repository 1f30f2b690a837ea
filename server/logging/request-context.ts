import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
}

/**
 * The request being served, wherever the code is (including WeCom calls made on its behalf), so every log line
 * carries the request id without passing a logger around.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** pino `mixin`: adds `reqId` to lines logged while serving a request. */
export function requestIdMixin(): { reqId?: string } {
  const requestId = requestContext.getStore()?.requestId;
  return requestId ? { reqId: requestId } : {};
}
