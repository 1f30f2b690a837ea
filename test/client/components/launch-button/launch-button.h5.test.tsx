import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { primaryAction } from '../../../../shared/primary-action';
import type { LaunchTarget } from '../../../../shared/api';
import LaunchButton from '../../../../client/src/components/launch-button/launch-button.h5';
import { unavailableH5Launcher, type H5Launcher } from '../../../../client/src/launch/h5-launcher';
import { aLaunch, aLive } from '../../support/fixtures';
import { renderWithServices } from '../../support/render';
import { taroMock } from '../../stand-ins/taro';

const UA = {
  wechat:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN',
  wxwork:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.20 MicroMessenger/7.0.1 Language/zh',
  browser: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
};

function withUserAgent(ua: string) {
  jest.spyOn(window.navigator, 'userAgent', 'get').mockReturnValue(ua);
}

function launcher(
  target: (livingId: string, replay: boolean) => LaunchTarget,
): H5Launcher & { launchTarget: jest.Mock } {
  return {
    sdkReady: jest.fn(() => Promise.resolve()),
    launchTarget: jest.fn(async (id: string, replay: boolean) => target(id, replay)),
  };
}

const openTag = () => document.querySelector('wx-open-launch-weapp') as HTMLElement | null;

afterEach(() => jest.restoreAllMocks());

describe('H5 launch button', () => {
  it.each([
    ['another browser', UA.browser, '复制链接，发到微信里打开观看'],
    ['WeCom’s browser (open tags do not work there)', UA.wxwork, '企业微信里不能直接打开，请复制链接到微信打开'],
  ])('in %s: disabled, "请在微信中打开", and a copy-link action', async (_case, ua, hint) => {
    withUserAgent(ua);
    const h5Launcher = launcher(() => aLaunch('C'));
    renderWithServices(<LaunchButton livingId="lv_1" action={primaryAction(aLive({ status: 'living' }))} />, {
      h5Launcher,
    });
    const button = screen.getByRole('button') as HTMLButtonElement;
    expect(button.textContent).toBe('请在微信中打开');
    expect(button.disabled).toBe(true);
    expect(screen.getByText(hint)).toBeTruthy();
    expect(openTag()).toBeNull();
    expect(h5Launcher.launchTarget).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('复制链接'));
    expect(taroMock.taro.setClipboardData).toHaveBeenCalledWith({ data: window.location.href });
    await waitFor(() => expect(taroMock.taro.showToast).toHaveBeenCalledWith({ title: '链接已复制', icon: 'none' }));
  });

  it('in WeChat: covers the button with wx-open-launch-weapp carrying the BFF’s username and path', async () => {
    withUserAgent(UA.wechat);
    const target = aLaunch('a+b/c=', true);
    const h5Launcher = launcher(() => target);
    renderWithServices(
      <LaunchButton livingId="lv_1" action={primaryAction(aLive({ status: 'ended', replay: 'ready' }))} />,
      {
        h5Launcher,
      },
    );
    await waitFor(() => expect(openTag()).not.toBeNull());
    expect(h5Launcher.launchTarget).toHaveBeenCalledWith('lv_1', true);

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

  it('shows a failed launch reported by the open tag, and clears it on the next launch', async () => {
    withUserAgent(UA.wechat);
    renderWithServices(<LaunchButton livingId="lv_1" action={primaryAction(aLive({ status: 'living' }))} />, {
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

  it('treats WeixinOpenTagsError on the document as a failure', async () => {
    withUserAgent(UA.wechat);
    renderWithServices(<LaunchButton livingId="lv_1" action={primaryAction(aLive({ status: 'living' }))} />, {
      h5Launcher: launcher(() => aLaunch('C')),
    });
    await waitFor(() => expect(openTag()).not.toBeNull());
    act(() => void document.dispatchEvent(new CustomEvent('WeixinOpenTagsError', { detail: { errMsg: 'x' } })));
    expect(screen.getByText('没能打开直播，请重试')).toBeTruthy();
  });

  it('in WeChat, until H5 login and the JS-SDK exist: says so and offers the link', async () => {
    withUserAgent(UA.wechat);
    renderWithServices(<LaunchButton livingId="lv_1" action={primaryAction(aLive({ status: 'living' }))} />, {
      h5Launcher: unavailableH5Launcher,
    });
    expect(await screen.findByText('网页里打开直播的功能即将上线')).toBeTruthy();
    expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('复制链接')).toBeTruthy();
    expect(openTag()).toBeNull();
  });

  it('shows a disabled action with its hint and no tag', () => {
    withUserAgent(UA.wechat);
    const h5Launcher = launcher(() => aLaunch('C'));
    renderWithServices(<LaunchButton livingId="lv_1" action={primaryAction(aLive({ status: 'cancelled' }))} />, {
      h5Launcher,
    });
    expect(screen.getByRole('button').textContent).toBe('直播已取消');
    expect(screen.getByText('主播取消了这场直播')).toBeTruthy();
    expect(openTag()).toBeNull();
    expect(h5Launcher.launchTarget).not.toHaveBeenCalled();
  });
});
