import { connectSocket } from '../../../client/src/push/connect-socket.h5';

/** Stands in for the browser's WebSocket; the last one made is `FakeWebSocket.last`. */
class FakeWebSocket extends EventTarget {
  static last: FakeWebSocket;
  readyState = 0;
  readonly send = jest.fn();
  readonly close = jest.fn();
  constructor(readonly url: string) {
    super();
    if (!/^wss?:\/\//.test(url)) throw new SyntaxError(`Invalid URL ${url}`);
    FakeWebSocket.last = this;
  }
}

const realWebSocket = globalThis.WebSocket;
beforeEach(() => Object.assign(globalThis, { WebSocket: FakeWebSocket }));
afterEach(() => Object.assign(globalThis, { WebSocket: realWebSocket }));

describe('H5 socket', () => {
  it('opens a browser WebSocket on the absolute URL', async () => {
    await connectSocket('wss://example.com/api/events');
    expect(FakeWebSocket.last.url).toBe('wss://example.com/api/events');
  });

  it('refuses a URL the browser cannot open', async () => {
    await expect(connectSocket('/api/events')).rejects.toThrow(SyntaxError);
  });

  it('reports the close code the server sent', async () => {
    const socket = await connectSocket('wss://example.com/api/events');
    const codes: number[] = [];
    socket.onClose(({ code }) => codes.push(code));
    FakeWebSocket.last.dispatchEvent(Object.assign(new Event('close'), { code: 1008 }));
    expect(codes).toEqual([1008]);
  });

  it('passes open, messages and errors on, sends only while open and closes with 1000', async () => {
    const socket = await connectSocket('wss://example.com/api/events');
    const ws = FakeWebSocket.last;
    const seen: string[] = [];
    socket.onOpen(() => seen.push('open'));
    socket.onMessage((data) => seen.push(`message ${String(data)}`));
    socket.onError(() => seen.push('error'));
    socket.send('too early');
    expect(ws.send).not.toHaveBeenCalled();
    ws.readyState = 1;
    ws.dispatchEvent(new Event('open'));
    ws.dispatchEvent(Object.assign(new Event('message'), { data: '{"type":"card"}' }));
    ws.dispatchEvent(new Event('error'));
    socket.send('{"subscribe":[]}');
    expect(ws.send).toHaveBeenCalledWith('{"subscribe":[]}');
    expect(seen).toEqual(['open', 'message {"type":"card"}', 'error']);
    socket.close();
    expect(ws.close).toHaveBeenCalledWith(1000);
  });
});
