/**
 * A mock `@tarojs/taro` (jest maps the package here). API calls are `jest.fn()`s tests assert and program;
 * page lifecycle hooks register with `taroMock` so tests can show/hide the page or pull to refresh.
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

const Taro = {
  request: jest.fn(),
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
  /** What `useRouter().params` returns. */
  routerParams: {} as Record<string, string>,
  /** Fires every registered `useDidShow` callback (the page came to the front). */
  show: () => showCallbacks.forEach((cb) => cb()),
  /** Fires every registered `useDidHide` callback. */
  hide: () => hideCallbacks.forEach((cb) => cb()),
  pullDown: () => pullDownCallbacks.forEach((cb) => cb()),
  reset() {
    storage.clear();
    taroMock.routerParams = {};
    for (const fn of [...Object.values(Taro), useShareAppMessage, useShareTimeline]) fn.mockClear();
    Taro.request.mockReset();
    Taro.login.mockReset();
    Taro.navigateToMiniProgram.mockReset();
  },
};
