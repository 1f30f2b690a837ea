import type { IncomingMessage } from 'node:http';
import type Koa from 'koa';

/**
 * Who the client is behind `hops` proxies (`TRUST_PROXY`): one rule for every request, Koa's and the event
 * socket's upgrades alike.
 *
 * Each proxy appends the address it was talking to on the right of `X-Forwarded-For`; everything to the left of
 * what our own proxies wrote is the client's to invent. So with N proxies the client is the Nth address from the
 * right, never the leftmost. With 0 (no proxy) the header is not read at all and the client is the socket's peer.
 * A header shorter than N (a proxy that overwrites instead of appending) yields its leftmost address, exactly as
 * Koa's `ctx.ips` with `app.maxIpsCount = N` does; an empty entry falls back to the peer.
 *
 * `X-Forwarded-Proto` is read under the same trust and by the same rule (most proxies overwrite it, so it holds
 * one value; one that appends still puts its own on the right).
 */
export function forwardedClientIp(req: IncomingMessage, hops: number): string {
  const peer = req.socket.remoteAddress ?? '';
  return trustedEntry(req.headers['x-forwarded-for'], hops) || peer || 'unknown';
}

/** `https` over TLS to this very process; otherwise what the trusted proxies say (`X-Forwarded-Proto`), else `http`. */
export function forwardedProto(req: IncomingMessage, hops: number): 'http' | 'https' {
  if ((req.socket as { encrypted?: boolean }).encrypted) return 'https';
  return trustedEntry(req.headers['x-forwarded-proto'], hops)?.toLowerCase() === 'https' ? 'https' : 'http';
}

function trustedEntry(header: string | string[] | undefined, hops: number): string | undefined {
  if (hops <= 0 || !header) return undefined;
  // Node joins repeated X-Forwarded-For lines with ", "; an array only comes from a hand-made request.
  const entries = (Array.isArray(header) ? header.join(',') : header).split(',').map((entry) => entry.trim());
  return entries.slice(-hops)[0];
}

/**
 * Makes Koa read the client as {@link forwardedClientIp} does: `ctx.ip`, `ctx.ips` (`app.proxy`, `app.maxIpsCount`),
 * `ctx.protocol` and so `ctx.secure`. Set once on the app, before it serves.
 */
export function trustProxies(app: Koa, hops: number): void {
  app.proxy = hops > 0;
  app.maxIpsCount = hops;
  Object.defineProperties(app.request, {
    ip: {
      configurable: true,
      get(this: { req: IncomingMessage }) {
        return forwardedClientIp(this.req, hops);
      },
    },
    protocol: {
      configurable: true,
      get(this: { req: IncomingMessage }) {
        return forwardedProto(this.req, hops);
      },
    },
  });
}
