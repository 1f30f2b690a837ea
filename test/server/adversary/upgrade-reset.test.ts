/**
 * A client that sends an upgrade and resets the connection at once, while the BFF is refusing it: Node takes its own
 * error listener off a socket it hands to 'upgrade', so without one of ours the reset would be an uncaught error
 * that ends the process (here: fails the test run).
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { attachEventSocket, type EventSocket } from '../../../server/push/event-socket';
import { createLogger } from '../../../server/logging/logger';
import { createMemoryCardBus } from '../../../server/push/card-bus';

describe('an upgrade reset while it is refused', () => {
  let server: Server;
  let events: EventSocket;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    events = attachEventSocket({
      server,
      bus: createMemoryCardBus(),
      currentCard: async () => {
        throw new Error('not needed');
      },
      logger: createLogger({ level: 'silent' }),
      enabled: false, // every upgrade is refused (404)
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await events.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('leaves the server up after 300 of them', async () => {
    for (let i = 0; i < 300; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            'GET /api/events HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
              'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
          );
          setImmediate(() => {
            socket.resetAndDestroy();
            resolve();
          });
        });
        socket.on('error', () => undefined);
      });
    }
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe('ok');
  });
});
