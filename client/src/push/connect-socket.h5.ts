import Taro from '@tarojs/taro';
import type { ConnectSocket } from './push-socket';

/**
 * H5: `Taro.connectSocket` (it wants an absolute `ws(s)://` URL), listened to on its browser `WebSocket`: Taro's own
 * `onClose` reports every close as 1006, which would hide the server's close code.
 */
export const connectSocket: ConnectSocket = async (url) => {
  const task = await Taro.connectSocket({ url });
  // Taro counts open sockets (it refuses a sixth) and forgets one only in its own close listener: keep it set.
  task.onClose(() => undefined);
  const ws = task.ws;
  return {
    send: (data) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
    },
    close: () => void task.close({}),
    onOpen: (listener) => ws.addEventListener('open', () => listener()),
    onMessage: (listener) => ws.addEventListener('message', (event) => listener(event.data)),
    onClose: (listener) => ws.addEventListener('close', (event) => listener({ code: event.code })),
    onError: (listener) => ws.addEventListener('error', () => listener({})),
  };
};
