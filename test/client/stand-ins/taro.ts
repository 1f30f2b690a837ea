/**
 * A mock `@tarojs/taro` (jest maps the package here). API calls are `jest.fn()`s tests assert and program;
 * page lifecycle hooks register with `taroMock` so tests can show/hide the page or pull to refresh;
 * `connectSocket` hands out {@link FakeSocketTask}s (`taroMock.sockets`) that tests open, push frames into and close.
 */
import { useEffect, useRef } from 'react';

type Callback = () => unknown;

const showCallbacks = new Set<Callback>();
const hideCallbacks = new Set<Callback>();
const pullDownCallbacks = new Set<Callback>();
const storage = new Map<string, unknown>();

function pageHook(callbacks: Set<Callback>) {
  return function usePageHook(callback: Callback) {
    const latest = useRef(callback);
    latest.current = callback;
    useEffect(() => {
      const run = () => latest.current();
      callbacks.add(run);
      return () => {
        callbacks.delete(run);
      };
    }, []);
  };
}

export const useDidShow = pageHook(showCallbacks);
export const useDidHide = pageHook(hideCallbacks);
export const usePullDownRefresh = pageHook(pullDownCallbacks);
export const useShareAppMessage = jest.fn();
export const useShareTimeline = jest.fn();
export const useRouter = jest.fn(() => ({ params: taroMock.routerParams, path: '' }));

type Listener<T> = ((result: T) => void) | undefined;

/**
 * A `SocketTask` as `wx.connectSocket` returns it, driven by the test: it stays connecting until `open()`, records
 * what the client sends, and fails or closes when told. One listener per event, as WeChat's.
 */
export class FakeSocketTask {
  /** Every `send`'s data, in order. */
  readonly sent: string[] = [];
  readyState: 0 | 1 | 3 = 0;
  /** Closed by the client (`close()`), with that code. */
  closedByClient?: number;
  private listeners: {
    open?: Listener<{ header: Record<string, string> }>;
    message?: Listener<{ data: unknown }>;
    close?: Listener<{ code: number; reason: string }>;
    error?: Listener<{ errMsg: string }>;
  } = {};

  constructor(readonly url: string) {}

  onOpen(listener: NonNullable<FakeSocketTask['listeners']['open']>) {
    this.listeners.open = listener;
  }
  onMessage(listener: NonNullable<FakeSocketTask['listeners']['message']>) {
    this.listeners.message = listener;
  }
  onClose(listener: NonNullable<FakeSocketTask['listeners']['close']>) {
    this.listeners.close = listener;
  }
  onError(listener: NonNullable<FakeSocketTask['listeners']['error']>) {
    this.listeners.error = listener;
  }
  send({ data, fail }: { data: string; fail?: (res: { errMsg: string }) => void }) {
    if (this.readyState !== 1) return fail?.({ errMsg: 'sendSocketMessage:fail WebSocket is not connected' });
    this.sent.push(data);
  }
  close({ code = 1000 }: { code?: number } = {}) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.closedByClient = code;
    this.listeners.close?.({ code, reason: '' });
  }

  /** The upgrade succeeded. */
  open() {
    this.readyState = 1;
    this.listeners.open?.({ header: {} });
  }
  /** The server sends `frame` (an object is sent as JSON). */
  push(frame: unknown) {
    this.listeners.message?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  /** The server (or the network) closed the connection. */
  serverClose(code = 1006) {
    this.readyState = 3;
    this.listeners.close?.({ code, reason: '' });
  }
  /** The connection failed (e.g. the upgrade answered 404: `errMsg` as WeChat words it), then closed. */
  fail(errMsg = 'connectSocket:fail') {
    this.readyState = 3;
    this.listeners.error?.({ errMsg });
    this.listeners.close?.({ code: 1006, reason: '' });
  }
  /** Whether the client is still holding it (connecting or open). */
  get live() {
    return this.readyState !== 3;
  }
  /** The lives of each subscribe frame sent, in order. */
  get subscriptions(): string[][] {
    return this.sent.map((data) => (JSON.parse(data) as { subscribe: string[] }).subscribe);
  }
}

const sockets: FakeSocketTask[] = [];
const connectSocket = ({ url }: { url: string }) => {
  const task = new FakeSocketTask(url);
  sockets.push(task);
  return Promise.resolve(task);
};

/**
 * How WeChat's subscribe prompt answers (`requestSubscribeMessage`), for every template asked: one of its answers
 * (`accept`, `reject`, `ban` — "always reject" kept —, `filter`), or `off` — the call fails with errCode 20004 (the
 * viewer switched subscribe messages off) — or `fail`, another failure (errCode 10002, a network problem).
 */
export type SubscribePromptAnswer = 'accept' | 'reject' | 'ban' | 'filter' | 'off' | 'fail';

let subscribeAnswer: SubscribePromptAnswer = 'accept';
/** Every `requestSubscribeMessage` call's template ids, in order. */
const subscribePrompts: string[][] = [];

const requestSubscribeMessage = ({ tmplIds }: { tmplIds: string[] }) => {
  subscribePrompts.push([...tmplIds]);
  if (subscribeAnswer === 'off') {
    return Promise.reject({ errMsg: 'requestSubscribeMessage:fail the main switch is switched off', errCode: 20004 });
  }
  if (subscribeAnswer === 'fail') {
    return Promise.reject({ errMsg: 'requestSubscribeMessage:fail network error', errCode: 10002 });
  }
  const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
  for (const id of tmplIds) answer[id] = subscribeAnswer;
  return Promise.resolve(answer);
};

const Taro = {
  request: jest.fn(),
  requestSubscribeMessage: jest.fn(requestSubscribeMessage),
  connectSocket: jest.fn(connectSocket),
  login: jest.fn(),
  navigateToMiniProgram: jest.fn(),
  navigateTo: jest.fn(() => Promise.resolve({ errMsg: 'navigateTo:ok' })),
  reLaunch: jest.fn(() => Promise.resolve({ errMsg: 'reLaunch:ok' })),
  stopPullDownRefresh: jest.fn(),
  setNavigationBarTitle: jest.fn(() => Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' })),
  setClipboardData: jest.fn(() => Promise.resolve({ errMsg: 'setClipboardData:ok' })),
  showToast: jest.fn(() => Promise.resolve({ errMsg: 'showToast:ok' })),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
};

export default Taro;

export const taroMock = {
  taro: Taro,
  storage,
  /** Every socket `connectSocket` handed out, oldest first. */
  sockets,
  /** The sockets the client has not closed (nor seen closed). */
  liveSockets: () => sockets.filter((socket) => socket.live),
  /** What `useRouter().params` returns. */
  routerParams: {} as Record<string, string>,
  /** Fires every registered `useDidShow` callback (the page came to the front). */
  show: () => showCallbacks.forEach((cb) => cb()),
  /** Fires every registered `useDidHide` callback. */
  hide: () => hideCallbacks.forEach((cb) => cb()),
  pullDown: () => pullDownCallbacks.forEach((cb) => cb()),
  /** `requestSubscribeMessage` calls' template ids, in order. */
  subscribePrompts,
  /** How the subscribe prompt answers from now on (until `reset`, which goes back to `accept`). */
  answerSubscribe(answer: SubscribePromptAnswer) {
    subscribeAnswer = answer;
  },
  reset() {
    subscribeAnswer = 'accept';
    subscribePrompts.length = 0;
    Taro.requestSubscribeMessage.mockReset();
    Taro.requestSubscribeMessage.mockImplementation(requestSubscribeMessage);
    storage.clear();
    taroMock.routerParams = {};
    for (const fn of [...Object.values(Taro), useShareAppMessage, useShareTimeline]) fn.mockClear();
    Taro.request.mockReset();
    Taro.login.mockReset();
    Taro.navigateToMiniProgram.mockReset();
    Taro.connectSocket.mockReset();
    Taro.connectSocket.mockImplementation(connectSocket);
    sockets.length = 0;
  },
};
