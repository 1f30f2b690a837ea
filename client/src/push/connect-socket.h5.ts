import type { ConnectSocket } from './push-socket';

/**
 * H5: the browser's own `WebSocket`, behind the same seam as the mini program's `Taro.connectSocket`. Taro H5's
 * `connectSocket` is a thin wrapper around it that reports every close as 1006 (the server's close code, which
 * decides the back-off, would be lost), counts sockets against the mini program's limit of five, and costs ~0.9 KB
 * gzip in the first load of every page (the live page's cold visit would go over its 130 KB budget).
 */
export const connectSocket: ConnectSocket = (url) =>
  new Promise((resolve) => {
    const ws = new WebSocket(url); // throws on a URL that is not absolute ws(s)://: a refused connection
    const on = <K extends keyof WebSocketEventMap>(type: K, listener: (event: WebSocketEventMap[K]) => void) =>
      ws.addEventListener(type, listener);
    resolve({
      send: (data) => {
        if (ws.readyState === 1) ws.send(data); // OPEN
      },
      close: () => ws.close(1000),
      onOpen: (listener) => on('open', () => listener()),
      onMessage: (listener) => on('message', (event) => listener(event.data)),
      onClose: (listener) => on('close', (event) => listener({ code: event.code })),
      onError: (listener) => on('error', () => listener({})),
    });
  });
