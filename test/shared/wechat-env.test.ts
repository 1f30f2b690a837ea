import { detectWechatEnv } from '../../shared/wechat-env';

describe('where an H5 page runs', () => {
  it.each([
    [
      'WeChat on iOS',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI',
      'wechat',
    ],
    [
      'WeChat on Android',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MicroMessenger/8.0.49.2600(0x2800313D) WeChat/arm64',
      'wechat',
    ],
    [
      'WeChat on Windows (open tags work on phones only)',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/81 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090a13)',
      'desktop',
    ],
    [
      'WeChat on a Mac',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) MicroMessenger/6.8.0(0x16080000) MacWechat/3.8.7(0x13080712) Flue',
      'desktop',
    ],
    [
      'a mini program web-view on Android',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MicroMessenger/8.0.49.2600(0x2800313D) WeChat/arm64 miniProgram/wx1234567890abcdef',
      'mini-program',
    ],
    [
      'WeCom (also says MicroMessenger)',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 wxwork/4.1.20 MicroMessenger/7.0.1 Language/zh',
      'wxwork',
    ],
    [
      'WeCom on Windows',
      'Mozilla/5.0 (Windows NT 10.0) Chrome/86 Safari/537.36 wxwork/4.1.16 (MicroMessenger/6.2) WindowsWechat',
      'wxwork',
    ],
    [
      'Safari on an iPhone',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1',
      'mobile',
    ],
    [
      'Chrome on Android',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
      'mobile',
    ],
    [
      'Chrome on a desktop',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
      'desktop',
    ],
    ['nothing', '', 'desktop'],
  ])('%s → %s', (_case, ua, env) => {
    expect(detectWechatEnv(ua)).toBe(env);
  });

  it('knows a mini program web-view by window.__wxjs_environment where the user agent does not say so (iOS)', () => {
    const iosWechat =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI';
    expect(detectWechatEnv(iosWechat, 'miniprogram')).toBe('mini-program');
    expect(detectWechatEnv(iosWechat, undefined)).toBe('wechat');
  });
});
