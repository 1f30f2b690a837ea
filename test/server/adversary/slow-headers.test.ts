/**
 * Issue 17, item 12 (server guards): a client that sends its headers one byte at a time (slowloris) is dropped
 * once SERVER_HEADERS_TIMEOUT_MS has passed, not after Node's defaults (60 s, checked every 30 s); connections past
 * SERVER_MAX_CONNECTIONS are closed at once; a keep-alive client idle longer than the header timeout is not cut.
 * Real sockets on loopback against the server `runInstance` makes (`createHttpServer`).
 */
import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '../../../server/http/http-server';
import { startHarness, type Harness } from '../harness';

const HEADERS_TIMEOUT_MS = 1000;

describe('slow clients and the connection cap', () => {
  let h: Harness;
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    h = await startHarness({ logLevel: 'silent' });
    server = createHttpServer(h.app.callback(), {
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: 2000,
      keepAliveTimeoutMs: 5000,
      maxConnections: 5,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.destroy());
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await h.close();
  });

  const open = async () => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => undefined);
    await new Promise((r) => socket.once('connect', r));
    return socket;
  };
  const closed = (socket: Socket) => new Promise<void>((r) => (socket.closed ? r() : socket.once('close', () => r())));

  it('drops a client trickling its headers a byte at a time within the header timeout', async () => {
    const socket = await open();
    const started = Date.now();
    const request = `GET /healthz HTTP/1.1\r\nHost: live.test\r\nX-Pad: ${'a'.repeat(500)}\r\n\r\n`;
    let i = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed && i < request.length - 2) socket.write(request[i++]!);
    }, 50);
    let answer = '';
    socket.on('data', (d) => (answer += String(d)));
    await closed(socket);
    clearInterval(drip);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(took).toBeLessThan(HEADERS_TIMEOUT_MS + 1500);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('keeps a keep-alive connection idle longer than the header timeout, and serves its next request', async () => {
    const socket = await open();
    let answer = '';
    socket.on('data', (d) => (answer += String(d)));
    socket.write('GET /healthz HTTP/1.1\r\nHost: live.test\r\n\r\n');
    await new Promise((r) => setTimeout(r, HEADERS_TIMEOUT_MS * 2));
    expect(socket.destroyed).toBe(false);
    socket.write('GET /healthz HTTP/1.1\r\nHost: live.test\r\n\r\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(answer.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
  });

  it('closes connections past the cap at once, and takes new ones when others are gone', async () => {
    const held = await Promise.all(Array.from({ length: 5 }, open));
    await new Promise((r) => setTimeout(r, 100));
    const extra = await open();
    const started = Date.now();
    await closed(extra);
    expect(Date.now() - started).toBeLessThan(500);
    held.forEach((s) => s.destroy());
    await new Promise((r) => setTimeout(r, 100));
    const again = await open();
    let answer = '';
    again.on('data', (d) => (answer += String(d)));
    again.write('GET /healthz HTTP/1.1\r\nHost: live.test\r\nConnection: close\r\n\r\n');
    await closed(again);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });
});
