import { ApiError } from '../../../client/src/api/api-error';
import type { LivingCodeDeferred } from '../../../shared/api';
import type { LivingCode } from '../../../client/src/api/bff-api';
import { createSignInRedirect, signInUrl } from '../../../client/src/launch/sign-in-redirect';
import { createWechatH5Launcher, NAVIGATE_TIMEOUT_MS } from '../../../client/src/launch/wechat-h5-launcher';
import type { Wx } from '../../../client/src/launch/wechat-sdk';
import { aCodeResponse } from '../support/fixtures';
import { fakeWx } from '../support/fake-wx';

const PAGE = '/pages/live/index?id=lv_1&replay=1';
const unauthorized = () => new ApiError({ code: 'SESSION_REQUIRED', message: 'Sign in first', status: 401 });

/**
 * The launcher with a BFF stand-in answering `answers` in turn, and a sessionStorage that survives "page loads":
 * each call of `load()` builds a fresh launcher, as a page coming back from WeChat's sign-in would.
 */
function setup(answers: (() => LivingCode | LivingCodeDeferred)[]) {
  const storage = new Map<string, string>();
  const navigate = jest.fn<void, [string]>();
  const livingCode = jest.fn(async (_id: string, _options: { replay: boolean; token?: string }) => {
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return answer();
  });
  const { wx, verify } = fakeWx();
  const sdk = { ready: jest.fn(async (): Promise<Wx> => wx), loaded: jest.fn(async (): Promise<Wx> => wx) };
  const load = () =>
    createWechatH5Launcher({
      api: { livingCode },
      sdk,
      currentPath: () => PAGE,
      signIn: createSignInRedirect({
        navigate,
        storage: {
          getItem: (k) => storage.get(k) ?? null,
          setItem: (k, v) => void storage.set(k, v),
          removeItem: (k) => void storage.delete(k),
        },
      }),
    });
  return { load, navigate, livingCode, storage, wx, verify, sdk };
}

/** Whether a promise is still pending after everything queued has run. */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  return (
    (await Promise.race([promise.catch(() => undefined), new Promise((r) => setTimeout(() => r(marker), 0))])) ===
    marker
  );
}

describe('WeChat H5 launcher', () => {
  it('asks for the code with the session cookie (no token) and returns the launch target with its lifetime', async () => {
    const code = { ...aCodeResponse('c+1', true), validForMs: 200_000 };
    const { load, livingCode } = setup([() => code]);
    await expect(load().launchTarget('lv_1', true)).resolves.toEqual({ ...code.launch, validForMs: 200_000 });
    expect(livingCode).toHaveBeenCalledWith('lv_1', { replay: true });
  });

  it('says why it asks, and answers in the launch target’s terms: when to refresh, or when to ask again', async () => {
    const code = { ...aCodeResponse('c'), validForMs: 300_000, refreshInSeconds: 120 };
    const { load, livingCode } = setup([() => code, () => ({ deferred: 'budget', retryInSeconds: 45 })]);
    const launcher = load();
    await expect(launcher.launchTarget('lv_1', false, 'poster', 'first')).resolves.toEqual({
      ...code.launch,
      validForMs: 300_000,
      refreshInMs: 120_000,
    });
    await expect(launcher.launchTarget('lv_1', false, undefined, 'refresh')).resolves.toEqual({
      deferred: 'budget',
      retryInMs: 45_000,
    });
    expect(livingCode.mock.calls).toEqual([
      ['lv_1', { replay: false, from: 'poster', purpose: 'first' }],
      ['lv_1', { replay: false, from: undefined, purpose: 'refresh' }],
    ]);
  });

  it('on 401 goes to the sign-in once, with this page as returnTo, and waits (the page is leaving)', async () => {
    const { load, navigate } = setup([
      () => {
        throw unauthorized();
      },
    ]);
    const target = load().launchTarget('lv_1', true);
    expect(await pending(target)).toBe(true);
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith(signInUrl(PAGE));
  });

  it('does not loop: still 401 after coming back → the 401 error, no second redirect', async () => {
    const { load, navigate } = setup([
      () => {
        throw unauthorized();
      },
      () => {
        throw unauthorized();
      },
    ]);
    void load().launchTarget('lv_1', true);
    await new Promise((r) => setTimeout(r, 0));
    // The page comes back from WeChat, without a session (e.g. cookies blocked).
    await expect(load().launchTarget('lv_1', true)).rejects.toMatchObject({ code: 'SESSION_REQUIRED' });
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('signs in again on the viewer’s retry', async () => {
    const { load, navigate } = setup([]);
    load().signIn();
    expect(navigate).toHaveBeenCalledWith(signInUrl(PAGE));
  });

  it('forgets the sign-in once a code arrives, so a later expired session signs in again', async () => {
    const { load, navigate, storage } = setup([
      () => {
        throw unauthorized();
      },
      () => aCodeResponse('c1'),
      () => {
        throw new ApiError({ code: 'SESSION_INVALID', message: 'expired', status: 401 });
      },
    ]);
    void load().launchTarget('lv_1', false);
    await new Promise((r) => setTimeout(r, 0));
    const launcher = load();
    await launcher.launchTarget('lv_1', false);
    expect(storage.size).toBe(0);
    expect(await pending(launcher.launchTarget('lv_1', false))).toBe(true);
    expect(navigate).toHaveBeenCalledTimes(2);
  });

  it('passes other errors through without signing in', async () => {
    const { load, navigate } = setup([
      () => {
        throw new ApiError({ code: 'LIVE_NOT_WATCHABLE', message: 'x', status: 409, reason: 'expired' });
      },
    ]);
    await expect(load().launchTarget('lv_1', false)).rejects.toMatchObject({ code: 'LIVE_NOT_WATCHABLE' });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('sets both share cards through the configured SDK', async () => {
    const { load, wx } = setup([]);
    const card = {
      title: '发布会',
      desc: '新品',
      link: 'https://live.test/live/lv_1',
      imgUrl: 'https://live.test/share-icon.png',
    };
    await load().shareCard(card);
    expect(wx.updateAppMessageShareData).toHaveBeenCalledWith(card);
    expect(wx.updateTimelineShareData).toHaveBeenCalledWith({ title: '发布会', link: card.link, imgUrl: card.imgUrl });
  });

  it('shares nothing, quietly, without the SDK', async () => {
    const { load, sdk, wx } = setup([]);
    sdk.ready.mockRejectedValueOnce(new Error('config:invalid signature'));
    await expect(load().shareCard({ title: 't', desc: 'd', link: 'l', imgUrl: 'i' })).resolves.toBeUndefined();
    expect(wx.updateAppMessageShareData).not.toHaveBeenCalled();
  });

  it('in a web-view, opens the host mini program’s page, and gives up when the bridge never answers', async () => {
    const { load, wx } = setup([]);
    await load().openHostPage('/pages/live/index?id=lv_1');
    expect(wx.miniProgram.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/live/index?id=lv_1' }),
    );

    jest.useFakeTimers();
    try {
      wx.miniProgram.navigateTo.mockImplementationOnce(() => undefined);
      const opening = load().openHostPage('/pages/live/index?id=lv_2');
      const outcome = opening.then(
        () => 'opened',
        (error: { code?: string }) => error.code,
      );
      await jest.advanceTimersByTimeAsync(NAVIGATE_TIMEOUT_MS - 1);
      expect(await Promise.race([outcome, Promise.resolve('pending')])).toBe('pending');
      await jest.advanceTimersByTimeAsync(1);
      await expect(outcome).resolves.toBe('LAUNCH_UNAVAILABLE');
    } finally {
      jest.useRealTimers();
    }
  });

  it('is ready when the SDK is', async () => {
    const { load, sdk } = setup([]);
    await expect(load().sdkReady()).resolves.toBeUndefined();
    sdk.ready.mockRejectedValueOnce(new Error('nope'));
    await expect(load().sdkReady()).rejects.toThrow('nope');
  });
});
