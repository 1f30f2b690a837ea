import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { toString as qrSvg } from 'qrcode';
import type { CodePurpose } from '../../../../shared/api';
import { primaryAction } from '../../../../shared/primary-action';
import { PREPARED_LABEL } from '../../../../client/src/components/launch-button/launch-messages';
import { ApiError } from '../../../../client/src/api/api-error';
import LaunchButton from '../../../../client/src/components/launch-button/launch-button.h5';
import { QR_OPTIONS } from '../../../../client/src/components/launch-button/qr-code';
import { unavailableH5Launcher, type H5Launcher } from '../../../../client/src/launch/h5-launcher';
import type { LaunchTargetAnswer } from '../../../../client/src/launch/launch-target-answer';
import { WechatSdkError } from '../../../../client/src/launch/wechat-sdk';
import { stubBff } from '../../support/bff-stub';
import { aLaunch, aLive } from '../../support/fixtures';
import { renderWithServices } from '../../support/render';
import { taroMock } from '../../stand-ins/taro';

const UA = {
  wechat:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN',
  wxwork:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.20 MicroMessenger/7.0.1 Language/zh',
  browser: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
  phoneBrowser:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  webView:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MicroMessenger/8.0.49.2600(0x2800313D) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64 miniProgram/wx1234567890abcdef',
};

/** jsdom's page is http://localhost/. */
const SHORT_LINK = 'http://localhost/live/lv_1';

function withUserAgent(ua: string) {
  jest.spyOn(window.navigator, 'userAgent', 'get').mockReturnValue(ua);
}

/** What the page copied: jsdom has no clipboard, so `execCommand('copy')` records the focused textarea's text. */
const copied: string[] = [];
let copyAllowed = true;
beforeEach(() => {
  copied.length = 0;
  copyAllowed = true;
  document.execCommand = jest.fn((command: string) => {
    if (command === 'copy' && copyAllowed) copied.push((document.activeElement as HTMLTextAreaElement).value);
    return copyAllowed;
  });
});

type MockLauncher = H5Launcher & {
  sdkReady: jest.Mock;
  launchTarget: jest.Mock;
  signIn: jest.Mock;
  openHostPage: jest.Mock;
};

function launcher(
  target: (
    livingId: string,
    replay: boolean,
    purpose: CodePurpose | undefined,
  ) => LaunchTargetAnswer | Promise<LaunchTargetAnswer>,
  sdkReady: () => Promise<void> = () => Promise.resolve(),
): MockLauncher {
  return {
    sdkReady: jest.fn(sdkReady),
    launchTarget: jest.fn(async (id: string, replay: boolean, _from?: string, purpose?: CodePurpose) =>
      target(id, replay, purpose),
    ),
    signIn: jest.fn(),
    shareCard: jest.fn(() => Promise.resolve()),
    openHostPage: jest.fn(() => Promise.resolve()),
  };
}

/**
 * Renders and lets the variant for this environment load (each is a lazy chunk in the build; here an import that
 * settles within `act`), so the test starts from what the viewer sees once the page's code is in.
 */
async function renderButton(...args: Parameters<typeof renderWithServices>) {
  let result!: ReturnType<typeof renderWithServices>;
  await act(async () => {
    result = renderWithServices(...args);
  });
  return result;
}

const openTag = () => document.querySelector('wx-open-launch-weapp') as HTMLElement | null;
const living = () => primaryAction(aLive({ status: 'living' }));

afterEach(() => jest.restoreAllMocks());

describe('H5 launch button', () => {
  describe('outside WeChat', () => {
    it('in another browser: a QR code of the short link to scan with WeChat, a copy-link button, one line of guidance', async () => {
      withUserAgent(UA.browser);
      const h5Launcher = launcher(() => aLaunch('C'));
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });

      const qr = (await screen.findByAltText(`直播二维码：${SHORT_LINK}`)) as HTMLImageElement;
      const svg = await qrSvg(SHORT_LINK, QR_OPTIONS);
      expect(qr.src).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      expect(screen.getByText('用微信扫码进入直播')).toBeTruthy();
      expect(screen.getByText('也可复制链接，发到微信里打开')).toBeTruthy();
      expect(openTag()).toBeNull();
      expect(h5Launcher.launchTarget).not.toHaveBeenCalled();
      expect(h5Launcher.sdkReady).not.toHaveBeenCalled();

      fireEvent.click(screen.getByRole('button', { name: '复制链接' }));
      expect(copied).toEqual([SHORT_LINK]);
      await waitFor(() => expect(taroMock.taro.showToast).toHaveBeenCalledWith({ title: '链接已复制', icon: 'none' }));
    });

    it('in a phone browser the BFF has no URL Link for: copying the link comes first, since the phone cannot scan its own screen', async () => {
      withUserAgent(UA.phoneBrowser);
      stubBff(() => ({ status: 200, body: { urlLink: null } }));
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, {
        h5Launcher: launcher(() => aLaunch('C')),
      });
      expect(await screen.findByAltText(`直播二维码：${SHORT_LINK}`)).toBeTruthy();
      expect(screen.getByText('在微信中进入直播')).toBeTruthy();
      expect(screen.getByText('复制链接，发到微信里打开；也可用微信扫码')).toBeTruthy();
      expect(openTag()).toBeNull();
    });

    it('puts the replay flag into the link of a replay', async () => {
      withUserAgent(UA.browser);
      await renderButton(
        <LaunchButton livingId="lv_1" action={primaryAction(aLive({ status: 'ended', replay: 'ready' }), true)} />,
        { h5Launcher: launcher(() => aLaunch('C')) },
      );
      expect(await screen.findByAltText(`直播二维码：${SHORT_LINK}?replay=1`)).toBeTruthy();
      expect(screen.getByText('用微信扫码观看回放')).toBeTruthy();
    });

    it('in WeCom’s browser (open tags do not work there): says to open it in WeChat, with a copy-link action', async () => {
      withUserAgent(UA.wxwork);
      const h5Launcher = launcher(() => aLaunch('C'));
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });
      const button = screen.getByRole('button') as HTMLButtonElement;
      expect(button.textContent).toBe('请在微信中打开');
      expect(button.disabled).toBe(true);
      expect(screen.getByText('企业微信里不能直接打开，请复制链接到微信打开')).toBeTruthy();
      expect(screen.queryByRole('img')).toBeNull();
      expect(openTag()).toBeNull();
      expect(h5Launcher.launchTarget).not.toHaveBeenCalled();

      fireEvent.click(screen.getByText('复制链接'));
      expect(copied).toEqual([SHORT_LINK]);
      await waitFor(() => expect(taroMock.taro.showToast).toHaveBeenCalledWith({ title: '链接已复制', icon: 'none' }));
    });

    it('says so when copying fails', async () => {
      withUserAgent(UA.wxwork);
      copyAllowed = false; // the browser refuses execCommand('copy')
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, {
        h5Launcher: launcher(() => aLaunch('C')),
      });
      fireEvent.click(screen.getByText('复制链接'));
      await waitFor(() =>
        expect(taroMock.taro.showToast).toHaveBeenCalledWith({ title: '复制失败，请手动复制地址栏链接', icon: 'none' }),
      );
    });
  });

  describe('in a mini program’s web-view', () => {
    it('opens the live page of the mini program holding it (no open tag, no sign-in)', async () => {
      withUserAgent(UA.webView);
      const h5Launcher = launcher(() => aLaunch('C'));
      await renderButton(
        <LaunchButton livingId="lv 1" action={primaryAction(aLive({ status: 'ended', replay: 'ready' }), true)} />,
        { h5Launcher },
      );
      fireEvent.click(screen.getByRole('button', { name: '观看回放' }));
      expect(h5Launcher.openHostPage).toHaveBeenCalledWith('/pages/live/index?id=lv%201&replay=1');
      expect(openTag()).toBeNull();
      expect(h5Launcher.launchTarget).not.toHaveBeenCalled();
      expect(h5Launcher.sdkReady).not.toHaveBeenCalled();
      await waitFor(() =>
        expect(screen.getByRole('button', { name: '观看回放' })).not.toHaveProperty('disabled', true),
      );
    });

    it('is also recognised by window.__wxjs_environment once WeChat’s bridge is ready (iOS)', async () => {
      withUserAgent(UA.wechat);
      const h5Launcher = launcher(() => new Promise<never>(() => undefined));
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });
      act(() => {
        (window as { __wxjs_environment?: string }).__wxjs_environment = 'miniprogram';
        document.dispatchEvent(new Event('WeixinJSBridgeReady'));
      });
      try {
        fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
        expect(h5Launcher.openHostPage).toHaveBeenCalledWith('/pages/live/index?id=lv_1');
        await waitFor(() =>
          expect(screen.getByRole('button', { name: '进入直播' })).not.toHaveProperty('disabled', true),
        );
      } finally {
        delete (window as { __wxjs_environment?: string }).__wxjs_environment;
      }
    });

    it('when the mini program has no such page: says so and offers the link', async () => {
      withUserAgent(UA.webView);
      const h5Launcher = launcher(() => aLaunch('C'));
      h5Launcher.openHostPage.mockRejectedValueOnce(new Error('navigateTo:fail page not found'));
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });
      fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
      expect(await screen.findByText('这里不能直接打开直播，请复制链接到微信打开')).toBeTruthy();
      fireEvent.click(screen.getByText('复制链接'));
      expect(copied).toEqual([SHORT_LINK]);
    });
  });

  describe('in WeChat', () => {
    it('covers the button with wx-open-launch-weapp carrying the BFF’s username and path, once the SDK is ready', async () => {
      withUserAgent(UA.wechat);
      let sdkReady!: () => void;
      const target = aLaunch('a+b/c=', true);
      const h5Launcher = launcher(
        () => target,
        () => new Promise<void>((resolve) => (sdkReady = resolve)),
      );
      await renderButton(
        <LaunchButton livingId="lv_1" action={primaryAction(aLive({ status: 'ended', replay: 'ready' }))} />,
        { h5Launcher },
      );
      await waitFor(() => expect(h5Launcher.launchTarget).toHaveBeenCalledWith('lv_1', true, undefined, 'first'));
      expect(openTag()).toBeNull();
      expect(screen.getByRole('button').className).toContain('action__button--loading');

      await act(async () => sdkReady());
      await waitFor(() => expect(openTag()).not.toBeNull());
      const tag = openTag()!;
      expect(tag.getAttribute('username')).toBe('gh_25e071b83ee0');
      expect(tag.getAttribute('path')).toBe('pages/watch/index?living_code=a%2Bb%2Fc%3D&replay=1');
      expect(tag.getAttribute('class')).toBe('open-launch');
      expect(tag.hasAttribute('classname')).toBe(false);
      expect(tag.style).toMatchObject({ position: 'absolute', top: '0px', left: '0px', width: '100%', height: '100%' });
      // Over the visible button, inside its position:relative slot.
      expect(tag.parentElement?.className).toBe('action__slot');
      expect(tag.parentElement?.querySelector('button')?.textContent).toBe('观看回放');
      const template = tag.querySelector('script[type="text/wxtag-template"]');
      expect(template?.innerHTML).toContain('<button');
    });

    it('puts exactly the username and path the BFF returned on the tag (e.g. the .html path switch)', async () => {
      withUserAgent(UA.wechat);
      const target = { appId: 'wxOTHER', username: 'gh_from_bff', path: 'pages/watch/index.html?living_code=Z' };
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher: launcher(() => target) });
      await waitFor(() => expect(openTag()).not.toBeNull());
      expect(openTag()!.getAttribute('username')).toBe(target.username);
      expect(openTag()!.getAttribute('path')).toBe(target.path);
    });

    it('renews the tag’s code a minute before it expires, with a new tag', async () => {
      withUserAgent(UA.wechat);
      jest.useFakeTimers();
      let n = 0;
      // The BFF reused a code: 90 s of it left.
      const h5Launcher = launcher(() => ({ ...aLaunch(`code${++n}`), validForMs: 90_000 }));
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });
      await act(async () => void (await jest.advanceTimersByTimeAsync(0)));
      const first = openTag();
      expect(first?.getAttribute('path')).toBe('pages/watch/index?living_code=code1');

      await act(async () => void (await jest.advanceTimersByTimeAsync(29_000)));
      expect(h5Launcher.launchTarget).toHaveBeenCalledTimes(1);
      await act(async () => void (await jest.advanceTimersByTimeAsync(1_000)));
      expect(h5Launcher.launchTarget).toHaveBeenCalledTimes(2);
      expect(openTag()?.getAttribute('path')).toBe('pages/watch/index?living_code=code2');
      expect(openTag()).not.toBe(first);
    });

    it('shows a failed launch reported by the open tag, and clears it on the next launch', async () => {
      withUserAgent(UA.wechat);
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, {
        h5Launcher: launcher(() => aLaunch('C')),
      });
      await waitFor(() => expect(openTag()).not.toBeNull());
      act(() => {
        openTag()!.dispatchEvent(new CustomEvent('error', { detail: { errMsg: 'launch:fail' } }));
      });
      expect(screen.getByText('没能打开直播，请重试')).toBeTruthy();
      act(() => {
        openTag()!.dispatchEvent(new CustomEvent('launch', { detail: {} }));
      });
      expect(screen.queryByText('没能打开直播，请重试')).toBeNull();
    });

    it('falls back when WeChat says open tags cannot be used here (WeixinOpenTagsError), even before a tag exists', async () => {
      withUserAgent(UA.wechat);
      const h5Launcher = launcher(
        () => aLaunch('C'),
        () => new Promise<void>(() => undefined),
      );
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });
      act(() => void document.dispatchEvent(new CustomEvent('WeixinOpenTagsError', { detail: { errMsg: 'x' } })));
      expect(screen.getByText('当前微信版本不能从网页打开直播，请升级微信后再试')).toBeTruthy();
      expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(true);
      expect(openTag()).toBeNull();
      fireEvent.click(screen.getByText('复制链接'));
      expect(copied).toEqual([SHORT_LINK]);
    });

    it('removes a mounted tag on WeixinOpenTagsError', async () => {
      withUserAgent(UA.wechat);
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, {
        h5Launcher: launcher(() => aLaunch('C')),
      });
      await waitFor(() => expect(openTag()).not.toBeNull());
      act(() => void document.dispatchEvent(new CustomEvent('WeixinOpenTagsError', { detail: { errMsg: 'x' } })));
      expect(openTag()).toBeNull();
      expect(screen.getByText('当前微信版本不能从网页打开直播，请升级微信后再试')).toBeTruthy();
    });

    it('falls back when WeChat refused the JS-SDK config (wx.error)', async () => {
      withUserAgent(UA.wechat);
      const h5Launcher = launcher(
        () => aLaunch('C'),
        () => Promise.reject(new WechatSdkError('config:invalid signature')),
      );
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });
      expect(await screen.findByText('微信暂时无法从网页打开直播，请刷新后再试')).toBeTruthy();
      expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(true);
      expect(screen.getByText('刷新')).toBeTruthy();
      expect(openTag()).toBeNull();
    });

    it('after a sign-in that did not stick: an error with a retry that signs in again', async () => {
      withUserAgent(UA.wechat);
      const h5Launcher = launcher(() => {
        throw new ApiError({ code: 'SESSION_REQUIRED', message: 'Sign in first', status: 401 });
      });
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });
      expect(await screen.findByText('登录没有成功，请重试')).toBeTruthy();
      fireEvent.click(screen.getByText('重试'));
      expect(h5Launcher.signIn).toHaveBeenCalledTimes(1);
      expect(h5Launcher.launchTarget).toHaveBeenCalledTimes(1);
    });

    it('shows nothing when a background request fails; a tap’s failure is shown and retried by fetching again', async () => {
      withUserAgent(UA.wechat);
      let calls = 0;
      const h5Launcher = launcher(() => {
        if (++calls <= 2) throw new ApiError({ code: 'NETWORK_ERROR', message: 'x', status: 0 });
        return aLaunch('C');
      });
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });
      await waitFor(() => expect(h5Launcher.launchTarget).toHaveBeenCalledTimes(1));
      expect(screen.queryByText('网络不太顺畅，请重试')).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
      expect(await screen.findByText('网络不太顺畅，请重试')).toBeTruthy();
      fireEvent.click(screen.getByText('重试'));
      await waitFor(() => expect(openTag()).not.toBeNull());
      expect(h5Launcher.launchTarget.mock.calls.map((call) => call[3])).toEqual(['first', 'tap', 'tap']);
      expect(h5Launcher.signIn).not.toHaveBeenCalled();
    });

    it('without a code: a plain button whose tap fetches as a tap, then the open tag goes over it', async () => {
      withUserAgent(UA.wechat);
      const h5Launcher = launcher((_id, _replay, purpose) =>
        purpose === 'tap' ? aLaunch('TAPPED') : { deferred: 'before_start', retryInMs: 600_000 },
      );
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });
      await waitFor(() => expect(h5Launcher.launchTarget).toHaveBeenCalledTimes(1));
      const button = screen.getByRole('button', { name: '进入直播' }) as HTMLButtonElement;
      expect(button.disabled).toBe(false);
      expect(button.className).not.toContain('action__button--loading');
      expect(openTag()).toBeNull();

      fireEvent.click(button);
      await waitFor(() => expect(openTag()).not.toBeNull());
      expect(openTag()!.getAttribute('path')).toBe(aLaunch('TAPPED').path);
      expect(openTag()!.parentElement?.querySelector('button')?.textContent).toBe(PREPARED_LABEL);
      expect(h5Launcher.launchTarget.mock.calls.map((call) => call[3])).toEqual(['first', 'tap']);
    });

    it('where the page cannot launch at all: says so and offers the link', async () => {
      withUserAgent(UA.wechat);
      await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher: unavailableH5Launcher });
      expect(await screen.findByText('这里不能直接打开直播，请在微信中打开')).toBeTruthy();
      expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(true);
      expect(screen.getByText('复制链接')).toBeTruthy();
      expect(openTag()).toBeNull();
    });
  });

  it.each([
    ['WeChat', UA.wechat],
    ['another browser', UA.browser],
  ])('in %s: a disabled action shows its hint, no tag and no QR code', async (_case, ua) => {
    withUserAgent(ua);
    const h5Launcher = launcher(() => aLaunch('C'));
    await renderButton(<LaunchButton livingId="lv_1" action={primaryAction(aLive({ status: 'cancelled' }))} />, {
      h5Launcher,
    });
    expect(screen.getByRole('button').textContent).toBe('直播已取消');
    expect(screen.getByText('主播取消了这场直播')).toBeTruthy();
    expect(openTag()).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
    expect(h5Launcher.launchTarget).not.toHaveBeenCalled();
  });
});

describe('H5 launch button in WeChat, many viewers at once', () => {
  afterEach(() => jest.useRealTimers());

  it('after a tap: shows the place in line and puts the open tag up by itself once admitted', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
    withUserAgent(UA.wechat);
    let busy = true;
    const h5Launcher = launcher((_id, _replay, purpose) => {
      if (purpose !== 'tap') return { deferred: 'budget', retryInMs: 600_000 };
      if (!busy) return aLaunch('ADMITTED');
      busy = false;
      throw new ApiError({
        code: 'UPSTREAM_BUSY',
        message: 'queued',
        status: 503,
        retryAfterSeconds: 12,
        queue: { position: 7, etaSeconds: 12 },
      });
    });
    await renderButton(<LaunchButton livingId="lv_1" action={living()} />, { h5Launcher });
    await waitFor(() => expect(h5Launcher.launchTarget).toHaveBeenCalledTimes(1));
    expect(screen.queryByText(/你排在第/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
    await waitFor(() => expect(screen.getByText('观看的人很多，你排在第 7 位，约 12 秒后自动进入')).toBeTruthy());
    expect(openTag()).toBeNull();
    await act(async () => void jest.advanceTimersByTime(12_000));
    await waitFor(() => expect(openTag()?.getAttribute('path')).toBe(aLaunch('ADMITTED').path));
    expect(h5Launcher.launchTarget.mock.calls.map((call) => call[3])).toEqual(['first', 'tap', 'tap']);
    expect(screen.getAllByRole('button')[0]?.textContent).toBe(PREPARED_LABEL);
  });
});
