/**
 * The H5 wiring (`create-h5-launcher.h5.ts`) against the stubbed BFF and a stand-in `wx`: weixin-js-sdk returns
 * `window.jWeixin` when one exists, which is how the stand-in gets in (the e2e tests do the same in Chromium).
 */
import { createBffApi } from '../../../client/src/api/bff-api';
import { createHttpClient } from '../../../client/src/api/http';
import { createH5Launcher } from '../../../client/src/launch/create-h5-launcher.h5';
import { createH5Launcher as createDefaultLauncher } from '../../../client/src/launch/create-h5-launcher';
import { unavailableH5Launcher } from '../../../client/src/launch/h5-launcher';
import { captureLanding } from '../../../client/src/launch/landing.h5';
import { taroMock } from '../stand-ins/taro';
import { BASE_URL, stubBff } from '../support/bff-stub';
import { aCodeResponse } from '../support/fixtures';
import { fakeWx } from '../support/fake-wx';

const IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 MicroMessenger/8.0.50.2701(0x28003237)';

const CONFIG = {
  appId: 'wx8d4b2f6a0c1e3957',
  timestamp: 1_764_000_000,
  nonceStr: 'n',
  signature: 's',
  jsApiList: ['updateAppMessageShareData'],
  openTagList: ['wx-open-launch-weapp'],
};

const fake = fakeWx();
beforeAll(() => Object.assign(window, { jWeixin: fake.wx }));
afterEach(() => {
  jest.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

function launcherIn(userAgent: string) {
  jest.spyOn(window.navigator, 'userAgent', 'get').mockReturnValue(userAgent);
  const stub = stubBff((req) =>
    req.path.startsWith('/api/jssdk/config')
      ? { status: 200, body: CONFIG }
      : { status: 200, body: aCodeResponse('c1'), headers: { Date: new Date().toUTCString() } },
  );
  const api = createBffApi(createHttpClient({ baseUrl: BASE_URL }));
  return { launcher: createH5Launcher({ api, baseUrl: BASE_URL }), ...stub };
}

/** The page landed on the home page, then went to a live page without reloading. */
function landThenNavigate() {
  window.history.replaceState(null, '', '/pages/index/index');
  captureLanding();
  window.history.pushState(null, '', '/pages/live/index?id=lv_1#details');
}

const signedUrl = (path: string) => decodeURIComponent(path.replace('/api/jssdk/config?url=', ''));

describe('H5 launcher wiring', () => {
  it('on iOS signs the URL the page landed on', async () => {
    landThenNavigate();
    const { launcher, requests } = launcherIn(IOS);
    const ready = launcher.sdkReady();
    await new Promise((r) => setTimeout(r, 0));
    fake.verify();
    await ready;
    expect(requests.map((r) => signedUrl(r.path))).toEqual(['http://localhost/pages/index/index']);
    expect(fake.wx.config).toHaveBeenLastCalledWith({ ...CONFIG, debug: false });
  });

  it('on Android signs the current URL, without its fragment', async () => {
    landThenNavigate();
    const { launcher, requests } = launcherIn(ANDROID);
    await launcher.sdkReady();
    expect(requests.map((r) => signedUrl(r.path))).toEqual(['http://localhost/pages/live/index?id=lv_1']);
  });

  it('asks for codes with the session cookie: same-origin credentials, no Authorization header', async () => {
    const { launcher, requests } = launcherIn(ANDROID);
    await expect(launcher.launchTarget('lv_1', false)).resolves.toMatchObject({
      username: 'gh_25e071b83ee0',
      path: 'pages/watch/index?living_code=c1',
    });
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/api/lives/lv_1/code',
        headers: expect.not.objectContaining({ Authorization: expect.anything() }),
        body: { replay: false },
      },
    ]);
    expect(taroMock.taro.request).toHaveBeenCalledWith(expect.objectContaining({ credentials: 'same-origin' }));
  });

  it('in a mini program web-view opens the host mini program’s page, without wx.config or a sign-in', async () => {
    const { launcher, requests } = launcherIn(ANDROID);
    fake.wx.config.mockClear();
    await launcher.openHostPage('/pages/live/index?id=lv_1&replay=1');
    expect(fake.wx.miniProgram.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/live/index?id=lv_1&replay=1' }),
    );
    expect(fake.wx.config).not.toHaveBeenCalled();
    expect(requests).toEqual([]);

    fake.wx.miniProgram.navigateTo.mockImplementationOnce((options) => options.fail?.({ errMsg: 'navigateTo:fail' }));
    await expect(launcher.openHostPage('/pages/live/index?id=lv_2')).rejects.toMatchObject({
      code: 'LAUNCH_UNAVAILABLE',
    });
  });

  it('is the unavailable launcher outside H5', () => {
    const api = createBffApi(createHttpClient({ baseUrl: BASE_URL }));
    expect(createDefaultLauncher({ api, baseUrl: BASE_URL })).toBe(unavailableH5Launcher);
  });
});
