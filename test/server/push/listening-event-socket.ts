import type { Server } from 'node:http';
import { attachEventSocket, type EventSocket, type EventSocketOptions } from '../../../server/push/event-socket';
import { createLogger } from '../../../server/logging/logger';
import type { Harness } from '../harness';

/** The harness's app on a loopback port with `/api/events` attached as `runInstance` wires it. */
export interface ListeningEventSocket {
  server: Server;
  events: EventSocket;
  port: number;
  /** `ws://127.0.0.1:PORT/api/events` */
  url: string;
  /** Closes the sockets, then the server (and every connection still open on it). */
  close(): Promise<void>;
}

export async function listenWithEventSocket(
  h: Harness,
  options: Omit<EventSocketOptions, 'server' | 'bus' | 'currentCard' | 'logger'> = {},
): Promise<ListeningEventSocket> {
  const server = h.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const events = attachEventSocket({
    server,
    bus: h.services.cardBus,
    currentCard: (id) => h.services.cards.get(id),
    logger: createLogger({ level: 'silent' }),
    ...options,
  });
  const port = (server.address() as { port: number }).port;
  return {
    server,
    events,
    port,
    url: `ws://127.0.0.1:${port}/api/events`,
    async close() {
      await events.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
