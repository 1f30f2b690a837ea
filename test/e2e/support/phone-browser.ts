import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { watchCsp } from './csp-violations';

/** Debian's Chromium (`apt-get install chromium fonts-wqy-microhei`); `npx playwright install` cannot work here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** An iPhone 14-sized phone. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };
/** A laptop screen. */
export const DESKTOP_VIEWPORT = { width: 1280, height: 800 };

const ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';

/**
 * The user agent of each place an H5 page runs (`client/src/launch/wechat-env.ts` tells them apart):
 * a phone browser (Chrome on Android; `iphone`: Safari on an iPhone), WeChat's in-app browser on Android and on iOS (open tags may work; iOS signs JS-SDK configs
 * for the landing URL), a mini program's web-view (Android's says `miniProgram`), WeCom's (its UA also says
 * MicroMessenger), a desktop browser.
 */
export const USER_AGENTS = {
  browser: ANDROID_UA,
  iphone: `${IPHONE_UA.replace(' Mobile/', ' Version/17.5 Mobile/')} Safari/604.1`,
  wechat: `${ANDROID_UA} XWEB/1160065 MMWEBSDK/20240404 MMWEBID/2307 MicroMessenger/8.0.50.2701(0x28003237) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64`,
  wechatIos: `${IPHONE_UA} MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN`,
  miniProgramWebView: `${ANDROID_UA} XWEB/1160065 MMWEBSDK/20240404 MMWEBID/2307 MicroMessenger/8.0.50.2701(0x28003237) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64 miniProgram/wx8d4b2f6a0c1e3957`,
  wxwork: `${ANDROID_UA} wxwork/4.1.22 MicroMessenger/7.0.1 NetType/WIFI Language/zh ColorScheme/Light`,
  desktop:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
} as const;

export type PhoneEnv = keyof typeof USER_AGENTS;

/**
 * Headless Chromium via playwright-core. Each launch gets a fresh user-data-dir (Playwright creates a temporary
 * profile per launch and removes it on close), so no cache or storage carries over between runs.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A fresh context (empty cache, cookies, storage) looking like a phone in `env` (or, for `desktop`, a laptop),
 * speaking Chinese, its Content-Security-Policy violations recorded (`takeCspViolations`).
 */
export async function newPhoneContext(browser: Browser, env: PhoneEnv = 'browser'): Promise<BrowserContext> {
  const desktop = env === 'desktop';
  const context = await browser.newContext({
    viewport: desktop ? DESKTOP_VIEWPORT : PHONE_VIEWPORT,
    deviceScaleFactor: desktop ? 1 : 2,
    isMobile: !desktop,
    hasTouch: !desktop,
    userAgent: USER_AGENTS[env],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await watchCsp(context);
  return context;
}
