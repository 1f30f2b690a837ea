import { createServer, type RequestListener, type Server } from 'node:http';
import type { Config } from '../config/config';

export type HttpServerLimits = Pick<
  Config['server'],
  'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'maxConnections'
>;

/**
 * The BFF's HTTP server with its guards against slow and greedy clients (settings `SERVER_*`):
 *
 * - `headersTimeout`: a request's headers must be complete this long after its first byte, or it is answered 408
 *   and the connection closed — a client trickling its headers a byte at a time (slowloris) holds a socket for no
 *   longer than that. Node checks every `connectionsCheckingInterval` (30 s unless told), so the interval is made a
 *   quarter of the timeout (at most 1 s) and the drop comes on time.
 * - `requestTimeout`: the same for the whole request, body included (ours are ≤ 16 KB).
 * - `keepAliveTimeout`: how long an idle connection is kept for its next request; longer than a load balancer's idle
 *   timeout (60 s on most), or it reuses a connection the BFF has just closed and answers 502.
 * - `maxConnections`: sockets open at once, event sockets included; past it new connections are closed at once.
 *
 * `runInstance` serves through it; tests make their servers with it to get the same behaviour.
 */
export function createHttpServer(handler: RequestListener, limits: HttpServerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    handler,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}
