import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { launchView } from '../../../../shared/live-card-view';
import { primaryAction } from '../../../../shared/primary-action';
import LaunchButton from '../../../../client/src/components/launch-button/launch-button.h5';
import {
  TAP_WAIT_MS,
  UrlLinkLaunch,
  WAITING_HINT,
} from '../../../../client/src/components/launch-button/url-link-launch';
import { errorBody, stubBff, type StubResponse } from '../../support/bff-stub';
import { aLive } from '../../support/fixtures';
import { renderWithServices } from '../../support/render';
import { taroMock } from '../../stand-ins/taro';

const UA = {
  android:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
};
const URL_LINK = 'https://wxaurl.cn/abcDEF123';
const SHORT_LINK = 'http://localhost/live/lv_1';

const living = () => primaryAction(aLive({ status: 'living' }));
const replayReady = () => primaryAction(aLive({ status: 'ended', replay: 'ready' }), true);
const urlLinkView = (action = living()) => {
  const view = launchView(action, 'mobile');
  if (view.kind !== 'url-link') throw new Error('not the URL Link view');
  return view;
};

/** The BFF answering `GET …/url-link` with `answer` (held until `release()` when `held`). */
function stubUrlLink(answer: StubResponse, { held = false } = {}) {
  let release!: () => void;
  const gate = held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  const stub = stubBff(async (req) => {
    if (!req.path.includes('/url-link')) return { status: 404, body: errorBody('NOT_FOUND') };
    await gate;
    return answer;
  });
  return { ...stub, release: () => release?.() };
}

/** What the page copied (jsdom has no clipboard: `execCommand('copy')` records the focused textarea). */
const copied: string[] = [];
beforeEach(() => {
  copied.length = 0;
  document.execCommand = jest.fn((command: string) => {
    if (command === 'copy') copied.push((document.activeElement as HTMLTextAreaElement).value);
    return true;
  });
});
afterEach(() => jest.restoreAllMocks());

async function renderLaunch(ui: Parameters<typeof renderWithServices>[0]) {
  let result!: ReturnType<typeof renderWithServices>;
  await act(async () => {
    result = renderWithServices(ui);
  });
  return result;
}

describe('H5 launch button in a phone browser outside WeChat (URL Link)', () => {
  it.each([
    ['an Android phone browser', UA.android],
    ['an iPhone browser', UA.iphone],
  ])(
    'in %s: 「打开微信观看」 with the hint and copy link, the link asked for with the replay flag and the tag',
    async (_, ua) => {
      jest.spyOn(window.navigator, 'userAgent', 'get').mockReturnValue(ua);
      const bff = stubUrlLink({ status: 200, body: { urlLink: URL_LINK, expiresAt: '2027-01-04T00:00:00.000Z' } });
      await renderLaunch(<LaunchButton livingId="lv_1" action={replayReady()} from="sms_1" />);

      expect(screen.getByRole('button', { name: '打开微信观看' })).toBeTruthy();
      expect(screen.getByText('在微信小程序里观看回放')).toBeTruthy();
      expect(screen.queryByRole('img')).toBeNull();
      await waitFor(() => expect(bff.requests).toHaveLength(1));
      expect(bff.requests[0]).toMatchObject({ method: 'GET', path: '/api/lives/lv_1/url-link?replay=1&from=sms_1' });
      expect(bff.requests[0]?.headers.Authorization).toBeUndefined();

      // Copy link stays the second choice: the page's short link with its tag, not the URL Link.
      fireEvent.click(screen.getByText('复制链接'));
      expect(copied).toEqual([`${SHORT_LINK}?replay=1&from=sms_1`]);
      await waitFor(() => expect(taroMock.taro.showToast).toHaveBeenCalledWith({ title: '链接已复制', icon: 'none' }));
    },
  );

  it('asks for the live’s link without a flag or tag when the page has none', async () => {
    jest.spyOn(window.navigator, 'userAgent', 'get').mockReturnValue(UA.android);
    const bff = stubUrlLink({ status: 200, body: { urlLink: URL_LINK } });
    await renderLaunch(<LaunchButton livingId="lv_1" action={living()} />);
    await waitFor(() => expect(bff.requests.map((r) => r.path)).toEqual(['/api/lives/lv_1/url-link']));
    expect(screen.getByText('在微信小程序里进入直播')).toBeTruthy();
  });

  it.each([
    ['the BFF has no link now (urlLink: null)', { status: 200, body: { urlLink: null } }],
    ['the BFF fails', { status: 503, body: errorBody('UPSTREAM_UNAVAILABLE'), headers: { 'Retry-After': '30' } }],
    ['the live is not found', { status: 404, body: errorBody('LIVE_NOT_FOUND') }],
    ['the answer is not a web address', { status: 200, body: { urlLink: 'javascript:alert(1)' } }],
  ])('when %s: the QR code of the page and copy link, as before', async (_, answer) => {
    jest.spyOn(window.navigator, 'userAgent', 'get').mockReturnValue(UA.iphone);
    stubUrlLink(answer as StubResponse);
    await renderLaunch(<LaunchButton livingId="lv_1" action={living()} from="mail" />);

    expect(await screen.findByAltText(`直播二维码：${SHORT_LINK}?from=mail`)).toBeTruthy();
    expect(screen.getByText('在微信中进入直播')).toBeTruthy();
    expect(screen.getByText('复制链接，发到微信里打开；也可用微信扫码')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '打开微信观看' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '复制链接' }));
    expect(copied).toEqual([`${SHORT_LINK}?from=mail`]);
  });

  it('a disabled action stays disabled with its hint and asks for no link', async () => {
    jest.spyOn(window.navigator, 'userAgent', 'get').mockReturnValue(UA.android);
    const bff = stubUrlLink({ status: 200, body: { urlLink: URL_LINK } });
    await renderLaunch(<LaunchButton livingId="lv_1" action={primaryAction(aLive({ status: 'cancelled' }))} />);
    expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('主播取消了这场直播')).toBeTruthy();
    expect(bff.requests).toEqual([]);
  });
});

describe('UrlLinkLaunch', () => {
  it('goes to the URL Link on a tap once it is there', async () => {
    stubUrlLink({ status: 200, body: { urlLink: URL_LINK } });
    const goTo = jest.fn();
    await renderLaunch(
      <UrlLinkLaunch livingId="lv_1" replay={false} link={SHORT_LINK} view={urlLinkView()} goTo={goTo} />,
    );
    expect(goTo).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '打开微信观看' }));
    expect(goTo).toHaveBeenCalledWith(URL_LINK);
  });

  it('a tap before the link arrived waits for it, disabled and saying so, then goes', async () => {
    const bff = stubUrlLink({ status: 200, body: { urlLink: URL_LINK } }, { held: true });
    const goTo = jest.fn();
    await renderLaunch(
      <UrlLinkLaunch livingId="lv_1" replay={false} link={SHORT_LINK} view={urlLinkView()} goTo={goTo} />,
    );
    // Shown at once, where the first screen drew it, and pressable.
    const button = screen.getByRole('button', { name: '打开微信观看' }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);

    fireEvent.click(button);
    expect(button.disabled).toBe(true);
    expect(screen.getByText(WAITING_HINT)).toBeTruthy();
    expect(goTo).not.toHaveBeenCalled();

    await act(async () => bff.release());
    await waitFor(() => expect(goTo).toHaveBeenCalledWith(URL_LINK));
    expect(goTo).toHaveBeenCalledTimes(1);
    expect(button.disabled).toBe(false);
  });

  it('a tap that waited in vain: the QR code and copy link instead, nothing opened', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
    stubUrlLink({ status: 200, body: { urlLink: URL_LINK } }, { held: true });
    const goTo = jest.fn();
    await renderLaunch(
      <UrlLinkLaunch livingId="lv_1" replay={false} link={SHORT_LINK} view={urlLinkView()} goTo={goTo} />,
    );
    fireEvent.click(screen.getByRole('button', { name: '打开微信观看' }));
    await act(async () => void jest.advanceTimersByTime(TAP_WAIT_MS));
    expect(screen.getByText('在微信中进入直播')).toBeTruthy();
    expect(screen.getByRole('button', { name: '复制链接' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '打开微信观看' })).toBeNull();
    expect(goTo).not.toHaveBeenCalled();
  });

  it('a tap while the BFF is failing: the QR code and copy link, nothing opened', async () => {
    const bff = stubUrlLink({ status: 503, body: errorBody('UPSTREAM_UNAVAILABLE') }, { held: true });
    const goTo = jest.fn();
    await renderLaunch(
      <UrlLinkLaunch livingId="lv_1" replay={false} link={SHORT_LINK} view={urlLinkView()} goTo={goTo} />,
    );
    fireEvent.click(screen.getByRole('button', { name: '打开微信观看' }));
    await act(async () => bff.release());
    await waitFor(() => expect(screen.getByText('在微信中进入直播')).toBeTruthy());
    expect(goTo).not.toHaveBeenCalled();
  });
});
