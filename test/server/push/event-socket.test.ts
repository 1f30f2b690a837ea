import WebSocket from 'ws';
import { SANDBOX_LIVES } from '../../../sandbox';
import type { LiveCard } from '../../../shared/live-card';
import type { ServerFrame } from '../../../shared/push';
import { startHarness, type Harness } from '../harness';
import { listenWithEventSocket, type ListeningEventSocket } from './listening-event-socket';

/** A client socket that collects every frame and can wait for the next ones. */
async function client(url: string) {
  const socket = new WebSocket(url);
  const frames: ServerFrame[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as ServerFrame);
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return {
    socket,
    frames,
    closed,
    send: (frame: unknown) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    /** Resolves once `count` frames have arrived in all. */
    async next(count: number, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (frames.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${frames.length} of ${count} frames`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return frames.slice(0, count);
    },
  };
}

describe('the event socket', () => {
  let h: Harness;
  let listening: ListeningEventSocket;
  let url: string;
  beforeEach(async () => {
    h = await startHarness();
    listening = await listenWithEventSocket(h, { maxSocketsPerIp: 3 });
    url = listening.url;
  });
  afterEach(async () => {
    await listening.close();
    await h.close();
  });

  it('sends the current card of each live subscribed to, then every change of those lives only', async () => {
    const c = await client(url);
    c.send({ subscribe: [SANDBOX_LIVES.living, SANDBOX_LIVES.reservedSoon] });
    const first = await c.next(2);
    expect(first.map((f) => f.type === 'card' && f.card.livingId).sort()).toEqual(
      [SANDBOX_LIVES.living, SANDBOX_LIVES.reservedSoon].sort(),
    );
    const changed = { ...(first[0] as { card: LiveCard }).card, viewerCount: 12345 };
    h.services.cardBus.publish({ ...changed, livingId: SANDBOX_LIVES.cancelled }); // not on this screen
    h.services.cardBus.publish(changed);
    const [, , third] = await c.next(3);
    expect(third).toEqual({ type: 'card', card: changed });
    // A new set replaces the old one.
    c.send({ subscribe: [SANDBOX_LIVES.cancelled] });
    await c.next(4);
    h.services.cardBus.publish(changed);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.frames).toHaveLength(4);
    c.socket.close();
  });

  it.each([
    ['not JSON', 'hello', 'BAD_REQUEST'],
    ['the wrong shape', { lives: ['a'] }, 'BAD_REQUEST'],
    ['ids that are not strings', { subscribe: [1, 2] }, 'BAD_REQUEST'],
    ['more than 50 lives', { subscribe: Array.from({ length: 51 }, (_, i) => `lv${i}`) }, 'TOO_MANY_LIVES'],
    ['a malformed id', { subscribe: ['../etc'] }, 'INVALID_LIVING_ID'],
    ['an unknown live', { subscribe: ['lvNoSuchLive404'] }, 'LIVE_NOT_FOUND'],
  ])('answers %s with an error frame and stays open', async (_name, frame, code) => {
    const c = await client(url);
    c.send(frame);
    const [answer] = await c.next(1);
    expect(answer).toMatchObject({ type: 'error', error: { code } });
    c.send({ subscribe: [SANDBOX_LIVES.living] });
    const [, card] = await c.next(2);
    expect(card).toMatchObject({ type: 'card', card: { livingId: SANDBOX_LIVES.living } });
    c.socket.close();
  });

  it('closes a socket that sends an oversized frame or floods', async () => {
    const big = await client(url);
    big.send({ subscribe: ['x'.repeat(10_000)] });
    expect(await big.closed).toBe(1009);
    const flood = await client(url);
    for (let i = 0; i < 30; i++) flood.send({ subscribe: [] });
    expect(await flood.closed).toBe(1008);
  });

  it('refuses a socket more new lives a minute than allowed (each may cost a WeCom call)', async () => {
    const c = await client(url);
    const ids = (from: number) => Array.from({ length: 50 }, (_, i) => `lvMadeUp${from + i}`);
    c.send({ subscribe: ids(0) });
    c.send({ subscribe: ids(50) });
    c.send({ subscribe: ids(100) });
    const frames = await c.next(101, 5000);
    expect(frames.filter((f) => f.type === 'error' && f.error.code === 'TOO_MANY_LIVES')).toHaveLength(1);
    expect(frames.filter((f) => f.type === 'error' && f.error.code === 'LIVE_NOT_FOUND')).toHaveLength(100);
    c.socket.close();
  });

  it('refuses more sockets per client address than allowed', async () => {
    const open = await Promise.all([client(url), client(url), client(url)]);
    await expect(client(url)).rejects.toThrow(/429/);
    open[0]!.socket.close();
    await open[0]!.closed;
    const again = await client(url);
    again.socket.close();
    open.slice(1).forEach((c) => c.socket.close());
  });

  it('answers 404 when push is off, so clients keep polling', async () => {
    const off = await listenWithEventSocket(h, { enabled: false });
    try {
      await expect(client(off.url)).rejects.toThrow(/404/);
    } finally {
      await off.close();
    }
  });
});
