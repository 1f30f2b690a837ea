import { chromium, type Browser, type BrowserContext } from 'playwright-core';

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

const ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

/**
 * The user agent of each place an H5 page runs (`client/src/launch/wechat-env.ts` tells them apart):
 * a phone browser, WeChat's in-app browser (open tags may work), WeCom's (its UA also says MicroMessenger).
 */
export const USER_AGENTS = {
  browser: ANDROID_UA,
  wechat: `${ANDROID_UA} XWEB/1160065 MMWEBSDK/20240404 MMWEBID/2307 MicroMessenger/8.0.50.2701(0x28003237) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64`,
  wxwork: `${ANDROID_UA} wxwork/4.1.22 MicroMessenger/7.0.1 NetType/WIFI Language/zh ColorScheme/Light`,
} as const;

export type PhoneEnv = keyof typeof USER_AGENTS;

/**
 * Headless Chromium via playwright-core. Each launch gets a fresh user-data-dir (Playwright creates a temporary
 * profile per launch and removes it on close), so no cache or storage carries over between runs.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A fresh context (empty cache, cookies, storage) looking like a phone in `env`, speaking Chinese. */
export function newPhoneContext(browser: Browser, env: PhoneEnv = 'browser'): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: USER_AGENTS[env],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}
