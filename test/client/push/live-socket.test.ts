import { connectSocket } from '../../../client/src/push/connect-socket';
import {
  createLiveSocket,
  LINGER_MS,
  MAX_FRAME_BYTES,
  STABLE_MS,
  type LiveListener,
} from '../../../client/src/push/live-socket';
import { REFUSED_MAX_MS } from '../../../client/src/push/reconnect-delay';
import { MAX_SUBSCRIBED_LIVES } from '../../../shared/push';
import { aLive } from '../support/fixtures';
import { taroMock } from '../stand-ins/taro';

const URL = 'wss://bff.test/api/events';

/** A live socket over the Taro stand-in, with the jitter pinned to its top (delays are the full back-off). */
function liveSocket(random = () => 1) {
  return createLiveSocket({ connect: connectSocket, url: URL, random });
}

/** Lets the socket's promise chains and any timers due within `ms` run. */
const advance = (ms = 0) => jest.advanceTimersByTimeAsync(ms);

function listener() {
  const cards: string[] = [];
  const connected: boolean[] = [];
  const it: LiveListener = {
    onCard: (card) => cards.push(`${card.livingId}:${card.status}`),
    onConnectionChange: (value) => connected.push(value),
  };
  return { it, cards, connected };
}

const lastSocket = () => taroMock.sockets.at(-1)!;

describe('live socket', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date(2025, 10, 28, 10, 0, 0) }));

  it('opens nothing until someone subscribes', async () => {
    liveSocket();
    await advance(60_000);
    expect(taroMock.sockets).toHaveLength(0);
  });

  it('shares one socket between consumers and subscribes to the union, updated when one leaves', async () => {
    const socket = liveSocket();
    socket.subscribe(['lv_a', 'lv_b'], listener().it);
    const leave = socket.subscribe(['lv_b', 'lv_c'], listener().it);
    await advance();
    expect(taroMock.sockets).toHaveLength(1);
    expect(lastSocket().url).toBe(URL);
    lastSocket().open();
    expect(lastSocket().subscriptions).toEqual([['lv_b', 'lv_c', 'lv_a']]);

    leave();
    await advance();
    expect(lastSocket().subscriptions.at(-1)).toEqual(['lv_a', 'lv_b']);
    expect(taroMock.sockets).toHaveLength(1);
  });

  it('sends one frame for changes made together, and none when the union is the same', async () => {
    const socket = liveSocket();
    const leaveA = socket.subscribe(['lv_a'], listener().it);
    await advance();
    lastSocket().open();
    leaveA();
    socket.subscribe(['lv_a'], listener().it);
    socket.subscribe(['lv_b'], listener().it);
    await advance();
    expect(lastSocket().subscriptions).toEqual([['lv_a'], ['lv_b', 'lv_a']]);
  });

  it(`subscribes to at most ${MAX_SUBSCRIBED_LIVES} lives, the newest consumer's first`, async () => {
    const socket = liveSocket();
    const many = Array.from({ length: 60 }, (_, i) => `lv_${i}`);
    socket.subscribe(many, listener().it);
    socket.subscribe(['lv_page'], listener().it);
    await advance();
    lastSocket().open();
    const [frame] = lastSocket().subscriptions;
    expect(frame).toHaveLength(MAX_SUBSCRIBED_LIVES);
    expect(frame?.[0]).toBe('lv_page');
    expect(frame?.slice(1)).toEqual(many.slice(0, MAX_SUBSCRIBED_LIVES - 1));
  });

  it("keeps the subscribe frame within the BFF's frame size, whatever the ids", async () => {
    const socket = liveSocket();
    socket.subscribe(
      Array.from({ length: 50 }, (_, i) => `${i}`.padStart(128, 'x')),
      listener().it,
    );
    await advance();
    lastSocket().open();
    const [data] = lastSocket().sent;
    expect(data!.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(lastSocket().subscriptions[0]!.length).toBe(Math.floor((MAX_FRAME_BYTES - 16 + 1) / 131));
  });

  it('hands each card frame to the consumers of that live only, and ignores other frames', async () => {
    const socket = liveSocket();
    const a = listener();
    const b = listener();
    socket.subscribe(['lv_a'], a.it);
    socket.subscribe(['lv_a', 'lv_b'], b.it);
    await advance();
    lastSocket().open();
    lastSocket().push({ type: 'card', card: aLive({ livingId: 'lv_a', status: 'living' }) });
    lastSocket().push({ type: 'card', card: aLive({ livingId: 'lv_b', status: 'ended' }) });
    lastSocket().push({ type: 'error', error: { code: 'LIVE_NOT_FOUND', message: 'x', livingId: 'lv_a' } });
    lastSocket().push('not json');
    lastSocket().push({ type: 'card' });
    expect(a.cards).toEqual(['lv_a:living']);
    expect(b.cards).toEqual(['lv_a:living', 'lv_b:ended']);
  });

  it('says connected once open and subscribed, and not when the socket drops', async () => {
    const socket = liveSocket();
    const a = listener();
    socket.subscribe(['lv_a'], a.it);
    await advance();
    expect(a.connected).toEqual([]);
    lastSocket().open();
    expect(a.connected).toEqual([true]);
    lastSocket().serverClose(1006);
    expect(a.connected).toEqual([true, false]);
  });

  it('reconnects after a drop with doubling back-off up to a minute, and subscribes again each time', async () => {
    const socket = liveSocket();
    const a = listener();
    socket.subscribe(['lv_a'], a.it);
    await advance();
    lastSocket().open();
    const waits: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      lastSocket().serverClose(1006);
      const before = taroMock.sockets.length;
      let waited = 0;
      while (taroMock.sockets.length === before) {
        await advance(250);
        waited += 250;
      }
      waits.push(waited);
      lastSocket().open();
      expect(lastSocket().subscriptions).toEqual([['lv_a']]);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    expect(a.connected.at(-1)).toBe(true);
    expect(taroMock.liveSockets()).toHaveLength(1);
  });

  it('jitters the back-off to between half and all of it', async () => {
    const socket = liveSocket(() => 0);
    socket.subscribe(['lv_a'], listener().it);
    await advance();
    lastSocket().open();
    lastSocket().serverClose();
    await advance(499);
    expect(taroMock.sockets).toHaveLength(1);
    await advance(1);
    expect(taroMock.sockets).toHaveLength(2);
  });

  it('starts from the first delay again after a connection that held', async () => {
    const socket = liveSocket();
    socket.subscribe(['lv_a'], listener().it);
    await advance();
    lastSocket().open();
    lastSocket().serverClose();
    await advance(1000);
    lastSocket().open();
    lastSocket().serverClose();
    await advance(2000);
    expect(taroMock.sockets).toHaveLength(3);
    lastSocket().open();
    await advance(STABLE_MS);
    lastSocket().serverClose(1001);
    await advance(1000);
    expect(taroMock.sockets).toHaveLength(4);
  });

  it('backs off up to 5 minutes while the socket never opens (push off), with no tight loop', async () => {
    const socket = liveSocket();
    socket.subscribe(['lv_a'], listener().it);
    await advance();
    for (let i = 0; i < 12; i += 1) {
      lastSocket().fail();
      await advance(REFUSED_MAX_MS);
    }
    const start = taroMock.sockets.length;
    lastSocket().fail();
    await advance(REFUSED_MAX_MS - 1);
    expect(taroMock.sockets).toHaveLength(start);
    await advance(1);
    expect(taroMock.sockets).toHaveLength(start + 1);
  });

  it.each([
    [
      'an upgrade WeChat saw answered 404',
      (s: ReturnType<typeof lastSocket>) => s.fail('Unexpected response code: 404'),
    ],
    [
      'a close with 1008 (policy)',
      (s: ReturnType<typeof lastSocket>) => {
        s.open();
        s.serverClose(1008);
      },
    ],
    [
      'a close with 1013 (try again later)',
      (s: ReturnType<typeof lastSocket>) => {
        s.open();
        s.serverClose(1013);
      },
    ],
  ])('waits the full 5 minutes after %s', async (_case, refuse) => {
    const socket = liveSocket();
    socket.subscribe(['lv_a'], listener().it);
    await advance();
    refuse(lastSocket());
    await advance(REFUSED_MAX_MS - 1);
    expect(taroMock.sockets).toHaveLength(1);
    await advance(1);
    expect(taroMock.sockets).toHaveLength(2);
  });

  it('treats a platform that refuses to connect at all like a refused upgrade', async () => {
    taroMock.taro.connectSocket.mockRejectedValueOnce({ errMsg: 'connectSocket:fail url not in domain list' });
    const socket = liveSocket();
    const a = listener();
    socket.subscribe(['lv_a'], a.it);
    await advance(999);
    expect(taroMock.taro.connectSocket).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(taroMock.taro.connectSocket).toHaveBeenCalledTimes(2);
    lastSocket().open();
    expect(a.connected).toEqual([true]);
  });

  it('closes shortly after the last consumer leaves (page hidden) and opens again when one comes back', async () => {
    const socket = liveSocket();
    const leave = socket.subscribe(['lv_a'], listener().it);
    await advance();
    const first = lastSocket();
    first.open();
    leave();
    await advance(LINGER_MS - 1);
    expect(first.live).toBe(true);
    await advance(1);
    expect(first.closedByClient).toBe(1000);
    await advance(10 * 60_000);
    expect(taroMock.sockets).toHaveLength(1);

    socket.subscribe(['lv_a'], listener().it);
    await advance();
    expect(taroMock.sockets).toHaveLength(2);
    lastSocket().open();
    expect(lastSocket().subscriptions).toEqual([['lv_a']]);
  });

  it('keeps the socket when another consumer comes within the linger (a page replacing another)', async () => {
    const socket = liveSocket();
    const leave = socket.subscribe(['lv_a'], listener().it);
    await advance();
    lastSocket().open();
    leave();
    await advance(LINGER_MS / 2);
    socket.subscribe(['lv_b'], listener().it);
    await advance(LINGER_MS * 2);
    expect(taroMock.sockets).toHaveLength(1);
    expect(lastSocket().live).toBe(true);
    expect(lastSocket().subscriptions).toEqual([['lv_a'], ['lv_b']]);
  });

  it('gives up a socket nobody wants before the platform even handed it over, closing it again once it opens', async () => {
    let handOver!: () => void;
    taroMock.taro.connectSocket.mockImplementationOnce(({ url }: { url: string }) => {
      const { FakeSocketTask } = jest.requireActual<typeof import('../stand-ins/taro')>('../stand-ins/taro');
      const task = new FakeSocketTask(url);
      taroMock.sockets.push(task);
      return new Promise((resolve) => (handOver = () => resolve(task)));
    });
    const socket = liveSocket();
    const leave = socket.subscribe(['lv_a'], listener().it);
    await advance();
    leave();
    await advance(LINGER_MS);
    handOver();
    await advance();
    const abandoned = lastSocket();
    expect(abandoned.closedByClient).toBe(1000);
    abandoned.readyState = 0; // as if WeChat had refused to close a socket still connecting
    abandoned.open();
    expect(abandoned.readyState).toBe(3);
    expect(abandoned.sent).toEqual([]);
  });

  it('gives up a socket still connecting when nobody wants it, closing it once it opens', async () => {
    const socket = liveSocket();
    const leave = socket.subscribe(['lv_a'], listener().it);
    await advance();
    leave();
    await advance(LINGER_MS);
    const abandoned = lastSocket();
    expect(abandoned.closedByClient).toBe(1000);
    abandoned.readyState = 0;
    abandoned.open();
    expect(abandoned.closedByClient).toBe(1000);
    expect(abandoned.sent).toEqual([]);
  });

  it('does not retry while nobody wants it, and a comeback still waits out the back-off', async () => {
    const socket = liveSocket();
    const leave = socket.subscribe(['lv_a'], listener().it);
    await advance();
    lastSocket().fail('Unexpected response code: 404');
    leave();
    await advance(REFUSED_MAX_MS / 2);
    expect(taroMock.sockets).toHaveLength(1);
    socket.subscribe(['lv_a'], listener().it); // the page shows again
    await advance(REFUSED_MAX_MS / 2 - 1);
    expect(taroMock.sockets).toHaveLength(1);
    await advance(1);
    expect(taroMock.sockets).toHaveLength(2);
  });
});
