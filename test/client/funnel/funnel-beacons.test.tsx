import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import LivePage from '../../../client/src/pages/live/index';
import LaunchButtonH5 from '../../../client/src/components/launch-button/launch-button.h5';
import LaunchButtonWeapp from '../../../client/src/components/launch-button/launch-button.weapp';
import { WechatLaunch } from '../../../client/src/components/launch-button/wechat-launch';
import { installId, sendViewBeacon as sendWeappViewBeacon } from '../../../client/src/funnel/view-beacon.weapp';
import { createWechatH5Launcher } from '../../../client/src/launch/wechat-h5-launcher';
import { parseLivePageParams } from '../../../client/src/routes';
import { primaryAction } from '../../../shared/primary-action';
import { ApiError } from '../../../client/src/api/api-error';
import { createHttpClient } from '../../../client/src/api/http';
import { BASE_URL, errorBody, stubBff, type StubRequest, type StubResponse } from '../support/bff-stub';
import { aCodeResponse, aLaunch, aLive } from '../support/fixtures';
import { renderWithServices } from '../support/render';
import { taroMock } from '../stand-ins/taro';

const { taro } = taroMock;
const beacons = (requests: StubRequest[], step: 'views' | 'opens') =>
  requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/${step}`));

/** A BFF with one live, weapp sign-in, codes, and 204 for the beacons. */
function bff(live = aLive({ livingId: 'lv_1', status: 'living' })) {
  return stubBff((req) => {
    if (req.method === 'GET' && req.path === `/api/lives/${live.livingId}`) return { status: 200, body: live };
    if (req.path === '/api/session/weapp') {
      return { status: 200, body: { token: 'tok-1', expiresAt: new Date(Date.now() + 3600_000).toISOString() } };
    }
    if (req.path.endsWith('/code')) return { status: 200, body: aCodeResponse('CODE1') };
    if (req.path.endsWith('/views') || req.path.endsWith('/opens')) return { status: 204 };
    return { status: 404, body: errorBody('LIVE_NOT_FOUND') };
  });
}

describe('the campaign tag of a live page', () => {
  it.each([
    [{ id: 'lv_1', from: 'wx-article' }, 'wx-article'],
    [{ id: 'lv_1', from: 'A_b-9' }, 'A_b-9'],
    [{ id: 'lv_1' }, undefined],
    [{ id: 'lv_1', from: '' }, undefined],
    [{ id: 'lv_1', from: 'has space' }, undefined],
    [{ id: 'lv_1', from: 'x'.repeat(33) }, undefined],
    [{ id: 'lv_1', from: '<script>' }, undefined],
  ])('reads %j as from=%s', (params, from) => {
    expect(parseLivePageParams(params).from).toBe(from);
  });
});

describe('the view beacon', () => {
  it('is sent once when the page shows the live, with its tag, and not again while the card is polled', async () => {
    jest.useFakeTimers();
    const { requests } = bff();
    taroMock.routerParams = { id: 'lv_1', from: 'poster' };
    renderWithServices(<LivePage />);
    await screen.findByText('产品发布会');
    await act(async () => void (await jest.advanceTimersByTimeAsync(30_000)));
    expect(beacons(requests, 'views')).toEqual([
      expect.objectContaining({ path: '/api/lives/lv_1/views', body: { from: 'poster' } }),
    ]);
    jest.useRealTimers();
  });

  it('goes untagged for a tag that is not one, and is not sent for a live that does not exist', async () => {
    const { requests } = bff();
    taroMock.routerParams = { id: 'lv_1', from: 'not a tag' };
    const first = renderWithServices(<LivePage />);
    await waitFor(() => expect(beacons(requests, 'views')).toHaveLength(1));
    expect(beacons(requests, 'views')[0]!.body).toEqual({});
    first.unmount();

    taroMock.routerParams = { id: 'lv_gone', from: 'poster' };
    renderWithServices(<LivePage />);
    expect(await screen.findByText('直播不存在')).toBeTruthy();
    expect(beacons(requests, 'views')).toHaveLength(1);
  });

  describe('in the mini program', () => {
    const SIGNED = (n: number) => `issued${String(n).padStart(12, '0')}.${'S'.repeat(22)}`;
    /** The BFF's `POST /api/visitors`: a new signed id each time, or a refusal. */
    function issuer(answer: (n: number) => StubResponse = (n) => ({ status: 201, body: { visitor: SIGNED(n) } })) {
      let issued = 0;
      const stub = stubBff((req) =>
        req.method === 'POST' && req.path === '/api/visitors'
          ? answer(++issued)
          : { status: 404, body: errorBody('NOT_FOUND') },
      );
      return { ...stub, http: createHttpClient({ baseUrl: BASE_URL }) };
    }
    const flush = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));

    it('asks the BFF for an install id once, keeps it, and sends it with every view', async () => {
      const { requests, http } = issuer();
      const api = { beacon: jest.fn(() => Promise.resolve()) };
      sendWeappViewBeacon({ api, http }, 'lv_1', 'poster');
      sendWeappViewBeacon({ api, http }, 'lv_2', undefined);
      await flush();
      sendWeappViewBeacon({ api, http }, 'lv_3', undefined);
      await flush();
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/visitors']);
      expect(requests[0]!.body).toEqual({});
      expect(taro.setStorageSync).toHaveBeenCalledWith('funnel.installId', SIGNED(1));
      expect(await installId(http)).toBe(SIGNED(1));
      expect(api.beacon.mock.calls).toEqual([
        ['lv_1', 'views', { from: 'poster', visitor: SIGNED(1) }],
        ['lv_2', 'views', { from: undefined, visitor: SIGNED(1) }],
        ['lv_3', 'views', { from: undefined, visitor: SIGNED(1) }],
      ]);
    });

    it('replaces an id it made itself (before the BFF issued them), and one the BFF no longer takes', async () => {
      const { requests, http } = issuer();
      taro.setStorageSync('funnel.installId', 'abcdefghijklmnopqrstuvwx');
      const api = {
        beacon: jest.fn((_id: string, _step: string, body: { visitor?: string }) =>
          body.visitor === SIGNED(1)
            ? Promise.reject(new ApiError({ code: 'INVALID_BODY', message: 'visitor', status: 400 }))
            : Promise.resolve(),
        ),
      };
      sendWeappViewBeacon({ api, http }, 'lv_1', undefined);
      await flush();
      // The BFF refused the id (its secret changed): forgotten, and the next view asks again.
      sendWeappViewBeacon({ api, http }, 'lv_1', undefined);
      await flush();
      expect(requests).toHaveLength(2);
      expect(api.beacon.mock.calls.map((c) => c[2].visitor)).toEqual([SIGNED(1), SIGNED(2)]);
      expect(await installId(http)).toBe(SIGNED(2));
    });

    it('sends no view (and makes up no id) while the BFF will not issue one, and asks again next time', async () => {
      let refuse = true;
      const { http } = issuer((n) =>
        refuse ? { status: 429, body: errorBody('TOO_MANY_REQUESTS') } : { status: 201, body: { visitor: SIGNED(n) } },
      );
      const api = { beacon: jest.fn(() => Promise.resolve()) };
      sendWeappViewBeacon({ api, http }, 'lv_1', undefined);
      await flush();
      expect(api.beacon).not.toHaveBeenCalled();
      expect(taro.setStorageSync).not.toHaveBeenCalledWith('funnel.installId', expect.anything());
      refuse = false;
      sendWeappViewBeacon({ api, http }, 'lv_1', undefined);
      await flush();
      expect(api.beacon.mock.calls).toEqual([['lv_1', 'views', { from: undefined, visitor: SIGNED(2) }]]);
    });
  });

  it('never troubles the viewer when it fails', async () => {
    stubBff((req) =>
      req.path.endsWith('/views') ? { status: 503 } : { status: 200, body: aLive({ livingId: 'lv_1' }) },
    );
    taroMock.routerParams = { id: 'lv_1' };
    renderWithServices(<LivePage />);
    expect(await screen.findByText('产品发布会')).toBeTruthy();
    expect(screen.queryByText('加载失败')).toBeNull();
  });
});

describe('taps and opens carry the tag', () => {
  beforeEach(() => {
    taro.login.mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
  });

  it('mini program: the code request carries it, and a launch that opened reports the open with the session', async () => {
    taro.navigateToMiniProgram.mockResolvedValue({ errMsg: 'navigateToMiniProgram:ok' });
    const { requests } = bff();
    renderWithServices(
      <LaunchButtonWeapp livingId="lv_1" action={primaryAction(aLive({ status: 'living' }))} from="poster" />,
    );
    await waitFor(() => expect(screen.getByRole('button', { name: '进入直播' })).not.toHaveProperty('disabled', true));
    expect(requests.find((r) => r.path.endsWith('/code'))?.body).toEqual({
      replay: false,
      from: 'poster',
      purpose: 'first',
    });
    expect(beacons(requests, 'opens')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
    await waitFor(() => expect(beacons(requests, 'opens')).toHaveLength(1));
    expect(beacons(requests, 'opens')[0]).toMatchObject({
      path: '/api/lives/lv_1/opens',
      body: { from: 'poster' },
      headers: { Authorization: 'Bearer tok-1' },
    });
  });

  it('mini program: a launch the viewer cancelled reports no open', async () => {
    taro.navigateToMiniProgram.mockRejectedValue({ errMsg: 'navigateToMiniProgram:fail cancel' });
    const { requests } = bff();
    renderWithServices(<LaunchButtonWeapp livingId="lv_1" action={primaryAction(aLive({ status: 'living' }))} />);
    await waitFor(() => expect(screen.getByRole('button', { name: '进入直播' })).not.toHaveProperty('disabled', true));
    fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
    await act(async () => undefined);
    expect(beacons(requests, 'opens')).toEqual([]);
  });

  it("H5 in WeChat: the launcher is asked with the tag, and the open tag's launch reports the open", async () => {
    const { requests } = bff();
    const h5Launcher = {
      sdkReady: jest.fn(() => Promise.resolve()),
      launchTarget: jest.fn(async () => aLaunch('CODE1')),
      signIn: jest.fn(),
      shareCard: jest.fn(() => Promise.resolve()),
      openHostPage: jest.fn(() => Promise.resolve()),
    };
    renderWithServices(<WechatLaunch livingId="lv_1" label="进入直播" replay={false} link="x" from="poster" />, {
      h5Launcher,
    });
    await waitFor(() => expect(document.querySelector('wx-open-launch-weapp')).not.toBeNull());
    expect(h5Launcher.launchTarget).toHaveBeenCalledWith('lv_1', false, 'poster', 'first');
    expect(beacons(requests, 'opens')).toEqual([]);
    act(() => void document.querySelector('wx-open-launch-weapp')!.dispatchEvent(new CustomEvent('launch')));
    await waitFor(() => expect(beacons(requests, 'opens')).toHaveLength(1));
    expect(beacons(requests, 'opens')[0]).toMatchObject({ path: '/api/lives/lv_1/opens', body: { from: 'poster' } });
  });

  it('H5 in WeChat: the code request (with the session cookie) carries the tag', async () => {
    const livingCode = jest.fn(async () => ({ ...aCodeResponse('CODE1'), validForMs: 300_000 }));
    const launcher = createWechatH5Launcher({
      api: { livingCode },
      sdk: { ready: jest.fn(), loaded: jest.fn() } as never,
      signIn: { start: () => false, force: () => undefined, done: () => undefined },
      currentPath: () => '/pages/live/index?id=lv_1&from=poster',
    });
    await launcher.launchTarget('lv_1', false, 'poster');
    expect(livingCode).toHaveBeenCalledWith('lv_1', { replay: false, from: 'poster' });
  });
});

describe('the way out of a phone browser keeps the tag', () => {
  it.each([
    [false, 'http://localhost/live/lv_1?from=poster'],
    [true, 'http://localhost/live/lv_1?replay=1&from=poster'],
  ])('puts it on the QR code and the copied link (replay: %s)', async (replay, link) => {
    jest
      .spyOn(window.navigator, 'userAgent', 'get')
      .mockReturnValue('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0');
    const live = replay ? aLive({ status: 'ended', replay: 'ready' }) : aLive({ status: 'living' });
    await act(async () => {
      renderWithServices(<LaunchButtonH5 livingId="lv_1" action={primaryAction(live, replay)} from="poster" />);
    });
    expect(await screen.findByAltText(`直播二维码：${link}`)).toBeTruthy();
    jest.restoreAllMocks();
  });
});
