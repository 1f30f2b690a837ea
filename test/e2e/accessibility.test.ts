/**
 * Everyone can read it: axe-core (WCAG 2.0/2.1 A and AA, best practices) over every H5 page and every console
 * page, in the states the other end-to-end tests reach, and in the ones they pass through (loading skeletons, an
 * empty or failed list), the console on a phone too. No serious or critical violation may be left. One browser
 * for the file; a context per kind of visitor. And zoom: the page may be zoomed, and WeChat's open tag still covers
 * its button at 200 %.
 */
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { SANDBOX_LIVES } from '../../sandbox';
import { FIRST_SCREEN_ID } from '../../shared/first-screen';
import {
  DESKTOP_VIEWPORT,
  axeReport,
  launchChromium,
  newPhoneContext,
  requireStaffBuild,
  signInWechatH5,
  startBffStack,
  takeCspViolations,
  watchCsp,
  wechatStandIn,
  withoutFirstScreen,
  type BffStack,
  type PhoneEnv,
} from './support';

jest.setTimeout(90_000);

const CARD = '.live-card:not(.skeleton)';

let stack: BffStack;
let browser: Browser;
let contexts: BrowserContext[] = [];
let pageErrors: Error[] = [];

beforeAll(async () => {
  requireStaffBuild();
  // Cards fresh for 300 ms, so WeCom going down shows on an open page within one client poll.
  stack = await startBffStack({ cards: { freshMs: 300 } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

afterEach(async () => {
  stack?.sandbox.faults.clear();
  const violations = await takeCspViolations();
  await Promise.all(contexts.map((c) => c.close()));
  contexts = [];
  const errors = pageErrors;
  pageErrors = [];
  expect(errors).toEqual([]);
  expect(violations).toEqual([]);
});

async function track(context: BrowserContext): Promise<Page> {
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error));
  return page;
}

/** A phone (or desktop) page of the H5 app; in WeChat with the stand-ins for its JS-SDK and open tag, signed in. */
async function viewer(env: PhoneEnv): Promise<Page> {
  const context = await newPhoneContext(browser, env);
  if (env === 'wechat') {
    await context.addInitScript(wechatStandIn());
    await context.addCookies([{ name: 'sandbox_wx_user', value: 'a11y-viewer', domain: '127.0.0.1', path: '/' }]);
  }
  const page = await track(context);
  if (env === 'wechat') await signInWechatH5(page, stack.baseUrl);
  return page;
}

/** A desktop browser whose WeCom QR login the sandbox approves as `person`. */
async function staff(person: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: DESKTOP_VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await watchCsp(context);
  await context.addCookies([{ name: 'sandbox_wecom_user', value: person, domain: '127.0.0.1', path: '/' }]);
  return track(context);
}

/** A phone in WeCom's browser whose member OAuth the sandbox approves as `person`: the console at 390 px. */
async function staffPhone(person: string): Promise<Page> {
  const context = await newPhoneContext(browser, 'wxwork');
  await context.addCookies([{ name: 'sandbox_wecom_user', value: person, domain: '127.0.0.1', path: '/' }]);
  return track(context);
}

/**
 * Holds back every answer to `/api/lives…` the page asks for, until `release()`: the page stays in its loading
 * state for as long as a test looks at it.
 */
async function holdLivesApi(page: Page): Promise<{ release(): Promise<void> }> {
  const pattern = '**/api/lives**';
  const held: Route[] = [];
  let released = false;
  await page.route(pattern, (route) => (released ? route.continue() : void held.push(route)));
  return {
    async release() {
      released = true;
      await Promise.all(held.splice(0).map((route) => route.continue()));
    },
  };
}

const livePath = (id: string, replay = false) =>
  `/pages/live/index?id=${encodeURIComponent(id)}${replay ? '&replay=1' : ''}`;

/** Every report collected in a test; the test ends with `expect(reports.join('\n\n')).toBe('')`. */
let reports: string[] = [];
beforeEach(() => {
  reports = [];
});
/** Checks the page as the app shows it: once the app has taken over from the BFF's first screen, if it drew one. */
const check = async (page: Page, where: string) => {
  await page.locator(`#${FIRST_SCREEN_ID}`).waitFor({ state: 'detached' });
  await checkAsItIs(page, where);
};
const checkAsItIs = async (page: Page, where: string) => {
  const report = await axeReport(page, where);
  if (report) reports.push(report);
};

/** Holds back the app's scripts (its entries and chunks): the page keeps the first screen the BFF drew into it. */
const holdAppScripts = (page: Page) => page.route('**/js/**', () => undefined);

describe('accessibility (axe-core: wcag2a, wcag2aa, wcag21a, wcag21aa, best-practice)', () => {
  it('H5: home, live, upcoming, replay, ended and unknown pages have no serious or critical violation', async () => {
    const page = await viewer('browser');
    await page.goto(`${stack.baseUrl}/`);
    await page.locator(CARD).first().waitFor();
    await check(page, 'H5 home (phone browser)');

    const pages: Array<[string, string]> = [
      ['live now', livePath(SANDBOX_LIVES.living)],
      ['starts soon (countdown)', livePath(SANDBOX_LIVES.reservedSoon)],
      ['reserved for tomorrow', livePath(SANDBOX_LIVES.reservedTomorrow)],
      ['replay', livePath(SANDBOX_LIVES.endedReplayReady, true)],
      ['replay still generating', livePath(SANDBOX_LIVES.endedReplayGenerating)],
      ['ended without replay', livePath(SANDBOX_LIVES.endedNoReplay)],
      ['cancelled', livePath(SANDBOX_LIVES.cancelled)],
      ['short link', `/live/${SANDBOX_LIVES.living}`],
    ];
    for (const [what, path] of pages) {
      await page.goto(`${stack.baseUrl}${path}`);
      await page.locator(`.live-page ${CARD}`).waitFor();
      await check(page, `H5 live page, ${what} (${path})`);
    }

    await page.goto(`${stack.baseUrl}${livePath('lvUnknownLiveForA11yCheck000000')}`);
    await page.locator('.state-view').waitFor();
    await check(page, 'H5 unknown live');

    // WeCom down: an open page keeps its card, marked stale; a live never seen gets the error state.
    await page.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    await page.locator(`.live-page ${CARD}`).waitFor();
    stack.sandbox.faults.down();
    await page.locator('.live-page .live-card__stale').waitFor({ timeout: 15_000 });
    await check(page, 'H5 live page while WeCom is down (stale card)');
    await page.goto(`${stack.baseUrl}${livePath('lvNeverSeenWhileWeComIsDown0000')}`);
    await page.locator('.live-page .state-view').waitFor({ timeout: 15_000 });
    await check(page, 'H5 live page while WeCom is down (nothing cached)');
    stack.sandbox.faults.clear();

    // The BFF's own page when a WeChat sign-in cannot finish (here: a forged OAuth state).
    await page.goto(`${stack.baseUrl}/api/session/h5/callback?code=forged&state=forged`);
    await page.getByRole('link', { name: '重新进入' }).waitFor();
    await check(page, 'BFF sign-in failed page');

    expect(reports.join('\n\n')).toBe('');
  });

  it('H5 first screens as the BFF draws them, before the app takes over, have no serious or critical violation', async () => {
    const visits: Array<[PhoneEnv, string, string]> = [
      ['browser', 'home', '/'],
      ['browser', 'live page', livePath(SANDBOX_LIVES.living)],
      ['browser', 'replay page', livePath(SANDBOX_LIVES.endedReplayReady, true)],
      ['browser', 'starts soon (countdown)', livePath(SANDBOX_LIVES.reservedSoon)],
      ['wechat', 'live page', livePath(SANDBOX_LIVES.living)],
      ['desktop', 'live page (QR frame)', livePath(SANDBOX_LIVES.living)],
      ['wxwork', 'live page', livePath(SANDBOX_LIVES.living)],
    ];
    for (const [env, what, path] of visits) {
      const page = await viewer(env);
      await holdAppScripts(page);
      await page.goto(`${stack.baseUrl}${path}`);
      await page.locator(`#${FIRST_SCREEN_ID} ${CARD}`).first().waitFor();
      await checkAsItIs(page, `H5 first screen, ${what} (${env})`);
      expect(await page.locator(`#${FIRST_SCREEN_ID}`).count()).toBe(1);
    }

    expect(reports.join('\n\n')).toBe('');
  });

  it('H5 loading skeletons (home, live page), the failed and the empty home have no serious or critical violation', async () => {
    const page = await viewer('browser');
    // Pages as the BFF serves them when it cannot draw their first screen: the app loads, and shows it loads.
    await withoutFirstScreen(page);
    const skeletons = page.locator('.live-card.skeleton');

    let held = await holdLivesApi(page);
    await page.goto(`${stack.baseUrl}/`);
    await skeletons.first().waitFor();
    // What is on screen is the loading state: three skeletons, no card, no message.
    expect(await page.locator('.home .live-card.skeleton:visible').count()).toBe(3);
    expect(await page.locator(`${CARD}, .state-view`).count()).toBe(0);
    await check(page, 'H5 home loading (skeletons)');
    await held.release();
    await page.locator(CARD).first().waitFor();

    held = await holdLivesApi(page);
    await page.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    await page.locator('.live-page .live-card.skeleton').waitFor();
    expect(await page.locator(`.live-page ${CARD}, .live-page .state-view`).count()).toBe(0);
    await check(page, 'H5 live page loading (skeleton)');
    await held.release();
    await page.locator(`.live-page ${CARD}`).waitFor();

    // A WeCom whose anchors have no lives, down at first: the list fails, then comes back empty.
    const bare = await startBffStack();
    try {
      for (const { livingId } of bare.sandbox.lives.list()) bare.sandbox.lives.remove(livingId);
      bare.sandbox.faults.down();
      await page.goto(`${bare.baseUrl}/`);
      await page.locator('.state-view--error').getByText('加载失败').waitFor({ timeout: 15_000 });
      await check(page, 'H5 home, the list failed (WeCom down)');
      bare.sandbox.faults.clear();
      await page.reload();
      await page.locator('.state-view--empty').getByText('暂时没有直播').waitFor({ timeout: 15_000 });
      await check(page, 'H5 home, no featured lives');
    } finally {
      await bare.close();
    }

    expect(reports.join('\n\n')).toBe('');
  });

  it('H5 in WeChat (open tag), on a desktop (QR code) and in WeCom’s browser has no serious or critical violation', async () => {
    const wechat = await viewer('wechat');
    await wechat.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    await wechat.locator('wx-open-launch-weapp').waitFor({ state: 'attached' });
    await check(wechat, 'H5 live page in WeChat, open tag over the button');
    await wechat.goto(`${stack.baseUrl}/`);
    await wechat.locator(CARD).first().waitFor();
    await check(wechat, 'H5 home in WeChat');

    const desktop = await viewer('desktop');
    await desktop.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    await desktop.locator('.web-launch').waitFor();
    await check(desktop, 'H5 live page on a desktop (QR code, copy link)');

    const wecom = await viewer('wxwork');
    await wecom.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.endedReplayReady, true)}`);
    await wecom.locator(`.live-page ${CARD}`).waitFor();
    await check(wecom, 'H5 replay page in WeCom’s browser');

    expect(reports.join('\n\n')).toBe('');
  });

  it('H5 in a phone browser outside WeChat: 打开微信观看, a tap waiting for its link and the QR code standing in have no serious or critical violation', async () => {
    for (const env of ['browser', 'iphone'] as const) {
      const page = await viewer(env);
      await page.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}&from=a11y_${env}`);
      await page.waitForResponse((res) => new URL(res.url()).pathname.endsWith('/url-link'));
      await page.getByRole('button', { name: '打开微信观看' }).waitFor();
      await check(page, `H5 live page in a phone browser (${env}): 打开微信观看 and copy link`);
    }

    // A tap before the link arrived: the button busy, saying it is opening WeChat.
    const waiting = await viewer('browser');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await waiting.route('**/url-link**', async (route) => {
      await held;
      await route.fulfill({ json: { urlLink: null } });
    });
    await waiting.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.endedReplayReady, true)}&from=a11y_wait`);
    await waiting.getByRole('button', { name: '打开微信观看' }).click();
    await waiting.getByText('正在打开微信…').waitFor();
    await check(waiting, 'H5 replay page in a phone browser, a tap waiting for the URL Link');

    // No link (the BFF answered null): the QR code and copy link stand in.
    release();
    await waiting.locator('.web-launch__qr-image').waitFor();
    await check(waiting, 'H5 replay page in a phone browser without a URL Link (QR code, copy link)');

    expect(reports.join('\n\n')).toBe('');
  });

  it('the H5 page may be zoomed, and at 200 % the open tag still lies exactly over its button', async () => {
    const page = await viewer('wechat');
    await page.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    const tag = page.locator('.live-page wx-open-launch-weapp');
    await tag.waitFor({ state: 'attached' });

    const viewport = await page.locator('meta[name=viewport]').getAttribute('content');
    expect(viewport).not.toMatch(/maximum-scale|user-scalable\s*=\s*(no|0)/i);

    // Pinch zoom to 200 %, as a viewer would (the layout viewport stays, the visual one halves).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
    await expect(page.evaluate(() => window.visualViewport?.scale)).resolves.toBe(2);
    const covers = () =>
      page.locator('.live-page .action__slot').evaluate((slot) => {
        const button = slot.querySelector('.action__button')!.getBoundingClientRect();
        const open = slot.querySelector('wx-open-launch-weapp')!.getBoundingClientRect();
        return [open.left - button.left, open.top - button.top, open.width - button.width, open.height - button.height];
      });
    expect((await covers()).map((d) => Math.round(d))).toEqual([0, 0, 0, 0]);

    // Text zoomed to 200 % (browser zoom on a phone-sized window): a viewport half as wide at twice the density.
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
    await page.setViewportSize({ width: 195, height: 422 });
    await expect(page.locator('.live-page .action__button').isVisible()).resolves.toBe(true);
    expect((await covers()).map((d) => Math.round(d))).toEqual([0, 0, 0, 0]);
    await cdp.detach();
  });

  it('console: lives, stats, share kit, forms, dialog, forbidden and signed-out pages have no serious or critical violation', async () => {
    const LIVE = SANDBOX_LIVES.endedReplayReady;
    stack.sandbox.watchStats.generate(LIVE, 40, 'a11y');
    const member = await staff('zhaomin');
    await member.goto(`${stack.baseUrl}/staff/`);
    await member.locator('.topbar__user').waitFor();
    await member.locator('table tbody tr').first().waitFor();
    await check(member, 'console lives list (staff)');

    await member.goto(`${stack.baseUrl}/staff/lives/${LIVE}/stats`);
    await member.locator('.funnel').waitFor();
    await member.locator('canvas').nth(2).waitFor();
    await check(member, 'console stats');

    // One image the BFF could not draw: its error state and retry.
    let refused = 0;
    await member.route('**/mini-program-code.png*', async (route) => {
      if (refused++ > 0) return route.continue();
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'POSTER_UNAVAILABLE', message: 'WeCom did not draw the code' } }),
      });
    });
    await member.goto(`${stack.baseUrl}/staff/lives/${LIVE}/share?from=spring_group`);
    await member.locator('.link-row__url').first().waitFor();
    await member.getByRole('alert').filter({ hasText: '生成失败' }).waitFor();
    await member.locator('.image-panel img').first().waitFor();
    await check(member, 'console share kit (one image failed)');

    await member.goto(`${stack.baseUrl}/staff/lives/new`);
    await member.locator('.forbidden').waitFor();
    await check(member, 'console forbidden page (not a manager)');

    await member.goto(`${stack.baseUrl}/staff/lives/lvUnknownLiveForA11yCheck000000/stats`);
    await member.locator('.state').first().waitFor();
    await check(member, 'console stats of an unknown live');

    await member.getByRole('button', { name: '退出' }).click();
    await member.getByText('已退出管理台').waitFor();
    await check(member, 'console signed out');

    const manager = await staff('lifang');
    await manager.goto(`${stack.baseUrl}/staff/lives/new`);
    await manager.locator('input[name=theme]').waitFor();
    await check(manager, 'console create form');
    await manager.locator('input[name=theme]').fill('这是一个超过二十个字的直播主题用来检查长度限制是否生效');
    await manager.getByRole('button', { name: '创建' }).click();
    await manager.locator('.field__error').first().waitFor();
    await check(manager, 'console create form with errors');

    const theme = '无障碍检查专场';
    await manager.locator('input[name=theme]').fill(theme);
    await manager.getByRole('button', { name: '创建' }).click();
    await manager.waitForURL('**/staff/lives/*/share');
    await manager.locator('.link-row__url').first().waitFor();
    await check(manager, 'console share kit of a new live');

    await manager.getByRole('link', { name: '直播列表' }).click();
    const row = manager.locator('tr', { hasText: theme });
    await row.waitFor();
    await check(manager, 'console lives list (manager)');
    await row.getByRole('button', { name: '取消直播' }).click();
    await manager.getByRole('dialog').waitFor();
    await check(manager, 'console cancel dialog');
    await manager.getByRole('dialog').getByRole('button', { name: '返回' }).click();

    await row.getByRole('link', { name: '修改' }).click();
    await manager.waitForURL('**/edit');
    await manager.locator('input[name=theme]').waitFor();
    await check(manager, 'console edit form');

    const outsider = await staff('wangqiang');
    await outsider.goto(`${stack.baseUrl}/staff/`);
    await outsider.getByText('你还没有管理台的权限').waitFor();
    await check(outsider, 'console sign-in refused (not on the staff list)');

    expect(reports.join('\n\n')).toBe('');
  });

  it('console on a phone in WeCom’s browser (390 px): every page, form and dialog has no serious or critical violation', async () => {
    const LIVE = SANDBOX_LIVES.endedReplayReady;
    stack.sandbox.watchStats.generate(LIVE, 40, 'a11y-phone');
    const member = await staffPhone('zhaomin');
    await member.goto(`${stack.baseUrl}/staff/`);
    await member.locator('.topbar__user').waitFor();
    await member.locator(`tr[data-living-id="${LIVE}"]`).waitFor();
    await check(member, 'console lives list on a phone (staff)');

    await member.goto(`${stack.baseUrl}/staff/lives/${LIVE}/stats`);
    await member.locator('.funnel').waitFor();
    await member.locator('canvas').nth(2).waitFor();
    await check(member, 'console stats on a phone');

    await member.goto(`${stack.baseUrl}/staff/lives/${LIVE}/share?from=spring_group`);
    await member.locator('.link-row__url').first().waitFor();
    await member.locator('.image-panel img').first().waitFor();
    await check(member, 'console share kit on a phone');

    await member.goto(`${stack.baseUrl}/staff/lives/new`);
    await member.locator('.forbidden').waitFor();
    await check(member, 'console forbidden page on a phone');

    const manager = await staffPhone('lifang');
    await manager.goto(`${stack.baseUrl}/staff/lives/new`);
    await manager.locator('input[name=theme]').waitFor();
    await check(manager, 'console create form on a phone');
    await manager.locator('input[name=theme]').fill('这是一个超过二十个字的直播主题用来检查长度限制是否生效');
    await manager.getByRole('button', { name: '创建' }).click();
    await manager.locator('.field__error').first().waitFor();
    await check(manager, 'console create form with errors on a phone');

    const theme = '手机无障碍检查专场';
    await manager.locator('input[name=theme]').fill(theme);
    await manager.getByRole('button', { name: '创建' }).click();
    await manager.waitForURL('**/staff/lives/*/share');
    await manager.locator('.link-row__url').first().waitFor();
    await manager.getByRole('link', { name: '直播列表' }).click();
    const row = manager.locator('tr', { hasText: theme });
    await row.waitFor();
    await check(manager, 'console lives list on a phone (manager)');
    await row.getByRole('button', { name: '取消直播' }).click();
    await manager.getByRole('dialog').waitFor();
    await check(manager, 'console cancel dialog on a phone');
    await manager.getByRole('dialog').getByRole('button', { name: '返回' }).click();

    await row.getByRole('link', { name: '修改' }).click();
    await manager.waitForURL('**/edit');
    await manager.locator('input[name=theme]').waitFor();
    await check(manager, 'console edit form on a phone');

    const outsider = await staffPhone('wangqiang');
    await outsider.goto(`${stack.baseUrl}/staff/`);
    await outsider.getByText('你还没有管理台的权限').waitFor();
    await check(outsider, 'console sign-in refused on a phone (not on the staff list)');

    expect(reports.join('\n\n')).toBe('');
  });
});
