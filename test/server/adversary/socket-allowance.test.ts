/**
 * Issue 17, item 2: an upgrade that `ws` refuses (no Sec-WebSocket-Key) used to be counted against the address and
 * never released: 50 of them and that address got 429 on /api/events until a restart (behind a load balancer with
 * TRUST_PROXY=0, everyone). Places are now given back on every path, and the instance has a cap of its own.
 * Real sockets on loopback.
 */
import { connect } from 'node:net';
import WebSocket from 'ws';
import type { EventSocket } from '../../../server/push/event-socket';
import { startHarness, type Harness } from '../harness';
import { listenWithEventSocket, type ListeningEventSocket } from '../push/listening-event-socket';

/** An upgrade request as a raw socket sends it; without a key `ws` refuses it (400). Resolves with the answer. */
function rawUpgrade(port: number, { key }: { key: boolean }): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += String(d)));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.write(
      'GET /api/events HTTP/1.1\r\nHost: live.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        (key ? 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' : '') +
        'Sec-WebSocket-Version: 13\r\n\r\n',
    );
    // A key made it a real socket: hang up on our side once it answered.
    socket.once('data', () => key && setTimeout(() => socket.destroy(), 20));
  });
}

function open(url: string): Promise<{ socket: WebSocket; status?: number; retryAfter?: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ socket, status: res.statusCode, retryAfter: res.headers['retry-after'] });
      socket.terminate();
    });
    socket.once('error', () => undefined);
  });
}

describe('the socket allowance', () => {
  let h: Harness;
  let listening: ListeningEventSocket;
  let events: EventSocket;
  let port: number;
  let url: string;
  async function start(limits: { maxSocketsPerIp: number; maxSockets?: number }) {
    listening = await listenWithEventSocket(h, limits);
    ({ events, port, url } = listening);
  }
  beforeEach(async () => {
    h = await startHarness({ logLevel: 'silent' });
  });
  afterEach(async () => {
    await listening.close();
    await h.close();
  });

  it('gives back the place of every upgrade ws refuses: after 50 of them a proper socket still opens', async () => {
    await start({ maxSocketsPerIp: 50 });
    for (let i = 0; i < 50; i++) expect(await rawUpgrade(port, { key: false })).toMatch(/^HTTP\/1\.1 400/);
    const { socket, status } = await open(url);
    expect(status).toBeUndefined();
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it('gives back the place of a socket that closes, however it closes', async () => {
    await start({ maxSocketsPerIp: 2 });
    for (let i = 0; i < 10; i++) expect(await rawUpgrade(port, { key: true })).toMatch(/^HTTP\/1\.1 101/);
    for (let i = 0; i < 10; i++) {
      const { socket } = await open(url);
      await new Promise((r) => {
        socket.once('close', r);
        socket.close();
      });
    }
    await new Promise((r) => setTimeout(r, 100));
    const a = await open(url);
    const b = await open(url);
    expect([a.status, b.status]).toEqual([undefined, undefined]);
    const c = await open(url);
    expect(c.status).toBe(429);
    a.socket.close();
    b.socket.close();
  });

  it('caps the sockets of the whole instance (503 + Retry-After), and takes new ones once some close', async () => {
    await start({ maxSocketsPerIp: 50, maxSockets: 3 });
    const held = await Promise.all([open(url), open(url), open(url)]);
    expect(held.map((s) => s.status)).toEqual([undefined, undefined, undefined]);
    expect(events.size()).toBe(3);
    const refused = await open(url);
    expect(refused.status).toBe(503);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    await new Promise((r) => {
      held[0]!.socket.once('close', r);
      held[0]!.socket.close();
    });
    await new Promise((r) => setTimeout(r, 50));
    const next = await open(url);
    expect(next.status).toBeUndefined();
    [next, held[1]!, held[2]!].forEach((s) => s.socket.close());
  });
});
