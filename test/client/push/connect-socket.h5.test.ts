import { connectSocket } from '../../../client/src/push/connect-socket.h5';
import { taroMock } from '../stand-ins/taro';

/** What Taro H5's `connectSocket` resolves with: its SocketTask around a browser WebSocket (`ws`). */
function taroH5Task() {
  const ws = Object.assign(new EventTarget(), { readyState: WebSocket.CONNECTING as number, send: jest.fn() });
  const task = { ws, onClose: jest.fn(), close: jest.fn(() => Promise.resolve({ errMsg: 'closeSocket:ok' })) };
  taroMock.taro.connectSocket.mockResolvedValueOnce(task as never);
  return task;
}

describe('H5 socket', () => {
  it('connects through Taro with the absolute URL and keeps Taro’s close bookkeeping listening', async () => {
    const task = taroH5Task();
    await connectSocket('wss://example.com/api/events');
    expect(taroMock.taro.connectSocket).toHaveBeenCalledWith({ url: 'wss://example.com/api/events' });
    expect(task.onClose).toHaveBeenCalledTimes(1);
  });

  it('reports the close code the server sent (Taro’s onClose says 1006 for every close)', async () => {
    const task = taroH5Task();
    const socket = await connectSocket('wss://example.com/api/events');
    const codes: number[] = [];
    socket.onClose(({ code }) => codes.push(code));
    task.ws.dispatchEvent(new CloseEvent('close', { code: 1008 }));
    expect(codes).toEqual([1008]);
  });

  it('passes open, messages and errors on, and sends only while open', async () => {
    const task = taroH5Task();
    const socket = await connectSocket('wss://example.com/api/events');
    const seen: string[] = [];
    socket.onOpen(() => seen.push('open'));
    socket.onMessage((data) => seen.push(`message ${String(data)}`));
    socket.onError(() => seen.push('error'));
    socket.send('too early');
    expect(task.ws.send).not.toHaveBeenCalled();
    task.ws.readyState = WebSocket.OPEN;
    task.ws.dispatchEvent(new Event('open'));
    task.ws.dispatchEvent(new MessageEvent('message', { data: '{"type":"card"}' }));
    task.ws.dispatchEvent(new Event('error'));
    socket.send('{"subscribe":[]}');
    expect(task.ws.send).toHaveBeenCalledWith('{"subscribe":[]}');
    expect(seen).toEqual(['open', 'message {"type":"card"}', 'error']);
    socket.close();
    expect(task.close).toHaveBeenCalledTimes(1);
  });
});
