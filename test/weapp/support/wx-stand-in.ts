import type { BffStandIn, WxRequest, WxResponse } from './bff-stand-in';

type Callbacks<T> = {
  success?: (res: T) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: T) => void;
};

/** A call of `wx.navigateToMiniProgram` as the page made it. */
export interface MiniProgramLaunch {
  appId: string;
  path?: string;
}

function answer<T>(options: Callbacks<T>, res: T) {
  // wx answers asynchronously, never inside the call.
  setTimeout(() => {
    options.success?.(res);
    options.complete?.(res);
  }, 0);
}

/**
 * The `wx` APIs the mini program's launch path uses, answered here on top of miniprogram-simulate's own `wx` mock
 * (which answers `request` with an empty 200 and records nothing): `request` goes to the BFF stand-in, `login`
 * hands out fresh codes, `navigateToMiniProgram` / `navigateTo` / `reLaunch` are recorded, storage is a real map.
 * Taro's API layer calls `wx[name]` at call time, so replacing the functions on the one `wx` object is enough.
 */
export function installWxStandIn(wx: Record<string, unknown>, bff: BffStandIn) {
  const storage = new Map<string, unknown>();
  const launches: MiniProgramLaunch[] = [];
  const navigations: string[] = [];
  const loginCodes: string[] = [];

  Object.assign(wx, {
    request(options: WxRequest & Callbacks<WxResponse>) {
      answer(options, bff.handle(options));
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    login(options: Callbacks<{ code: string; errMsg: string }>) {
      const code = `wx-login-code-${loginCodes.length + 1}`;
      loginCodes.push(code);
      answer(options, { code, errMsg: 'login:ok' });
    },
    navigateToMiniProgram(options: MiniProgramLaunch & Callbacks<{ errMsg: string }>) {
      launches.push({ appId: options.appId, path: options.path });
      answer(options, { errMsg: 'navigateToMiniProgram:ok' });
    },
    navigateTo(options: { url: string } & Callbacks<{ errMsg: string }>) {
      navigations.push(options.url);
      answer(options, { errMsg: 'navigateTo:ok' });
    },
    reLaunch(options: { url: string } & Callbacks<{ errMsg: string }>) {
      navigations.push(options.url);
      answer(options, { errMsg: 'reLaunch:ok' });
    },
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value))),
    removeStorageSync: (key: string) => void storage.delete(key),
  });

  return {
    /** `navigateToMiniProgram` calls, in order. */
    launches,
    /** `navigateTo` / `reLaunch` URLs, in order. */
    navigations,
    /** Codes `wx.login` handed out, in order. */
    loginCodes,
    storage,
    reset() {
      storage.clear();
      launches.length = 0;
      navigations.length = 0;
      loginCodes.length = 0;
    },
  };
}

export type WxStandIn = ReturnType<typeof installWxStandIn>;
