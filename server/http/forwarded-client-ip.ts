import type { IncomingMessage } from 'node:http';

/** Behind a load balancer (`TRUST_PROXY=1`): the first address of `X-Forwarded-For`, as Koa's `ctx.ip` reads it. */
export function forwardedClientIp(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}
