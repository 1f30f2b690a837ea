import { isIos, signatureUrl } from '../../../client/src/launch/signature-url';

const IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI';
const IPAD =
  'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003130) NetType/WIFI';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 XWEB/1160065 MicroMessenger/8.0.50.2701(0x28003237) WeChat/arm64';

const LANDING = 'https://live.example.com/pages/index/index';
const CURRENT = 'https://live.example.com/pages/live/index?id=lv_1&replay=1#top';

describe('the URL a JS-SDK config is signed for', () => {
  it.each([
    ['iPhone WeChat: the landing URL', IOS, LANDING],
    ['iPad WeChat: the landing URL', IPAD, LANDING],
    [
      'Android WeChat: the current URL, without its fragment',
      ANDROID,
      'https://live.example.com/pages/live/index?id=lv_1&replay=1',
    ],
  ])('%s', (_case, userAgent, expected) => {
    expect(signatureUrl({ userAgent, landingUrl: LANDING, currentUrl: CURRENT })).toBe(expected);
  });

  it('uses the current URL on iOS when the landing URL is unknown', () => {
    expect(signatureUrl({ userAgent: IOS, landingUrl: undefined, currentUrl: CURRENT })).toBe(CURRENT.split('#')[0]);
  });

  it('drops the fragment of a landing URL too', () => {
    expect(signatureUrl({ userAgent: IOS, landingUrl: `${LANDING}#x`, currentUrl: CURRENT })).toBe(LANDING);
  });

  it.each([
    [IOS, true],
    [IPAD, true],
    [ANDROID, false],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) MacWechat/3.8.7', false],
  ])('isIos(%s) → %s', (ua, expected) => {
    expect(isIos(ua)).toBe(expected);
  });
});
