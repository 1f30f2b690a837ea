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

/**
 * How the subscribe prompt answers `requestSubscribeMessage`: one of WeChat's answers for every template asked
 * (`accept`, `reject`, `ban` — "always reject" kept —, `filter`), or `off`: the call fails with errCode 20004 (the
 * user switched subscribe messages off).
 */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter' | 'off';

/** One `requestSubscribeMessage` call: its templates, and whether it ran inside a tap (or was refused for that). */
export interface SubscribePrompt {
  tmplIds: string[];
  inTap: boolean;
}

/** A failed call: `fail` then `complete`, asynchronously as wx does. */
function refuse(
  options: Pick<Callbacks<unknown>, 'fail'> & { complete?: unknown },
  err: { errMsg: string; errCode?: number },
) {
  setTimeout(() => {
    options.fail?.(err);
    if (typeof options.complete === 'function') (options.complete as (res: unknown) => void)(err);
  }, 0);
}

function answer<T>(options: Callbacks<T>, res: T) {
  // wx answers asynchronously, never inside the call.
  setTimeout(() => {
    options.success?.(res);
    options.complete?.(res);
  }, 0);
}

/**
 * The `wx` APIs the mini program's launch and reminder paths use, answered here on top of miniprogram-simulate's own `wx` mock
 * (which answers `request` with an empty 200 and records nothing): `request` goes to the BFF stand-in, `login`
 * hands out fresh codes, `requestSubscribeMessage` answers as told (and only inside a tap), `navigateToMiniProgram` / `navigateTo` / `reLaunch` are recorded, storage is a real map.
 * Taro's API layer calls `wx[name]` at call time, so replacing the functions on the one `wx` object is enough.
 */
export function installWxStandIn(
  wx: Record<string, unknown>,
  bff: BffStandIn,
  { inTap = () => true }: { inTap?: () => boolean } = {},
) {
  const storage = new Map<string, unknown>();
  const prompts: SubscribePrompt[] = [];
  let subscribeAnswer: SubscribeAnswer = 'accept';
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
    // WeChat shows the prompt only from a tap (base library ≥ 2.8.2); outside one it fails, as here.
    requestSubscribeMessage(options: { tmplIds: string[] } & Callbacks<Record<string, string>>) {
      const tapped = inTap();
      prompts.push({ tmplIds: [...options.tmplIds], inTap: tapped });
      if (!tapped) {
        return refuse(options, {
          errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.',
          errCode: 20003,
        });
      }
      if (subscribeAnswer === 'off') {
        return refuse(options, { errMsg: 'requestSubscribeMessage:fail main switch is off', errCode: 20004 });
      }
      const res: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
      for (const id of options.tmplIds) res[id] = subscribeAnswer;
      answer(options, res);
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
    /** `requestSubscribeMessage` calls, in order. */
    prompts,
    /** How the subscribe prompt answers from now on (`reset` goes back to `accept`). */
    answerSubscribe(next: SubscribeAnswer) {
      subscribeAnswer = next;
    },
    storage,
    reset() {
      storage.clear();
      launches.length = 0;
      navigations.length = 0;
      loginCodes.length = 0;
      prompts.length = 0;
      subscribeAnswer = 'accept';
    },
  };
}

export type WxStandIn = ReturnType<typeof installWxStandIn>;
