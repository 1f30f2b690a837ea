/**
 * The H5 pages without a pointer: every button of the viewer pages is reached with Tab, shows where the focus is,
 * is announced as a button, and Enter or Space does what a tap does (copies the link, opens the mini program,
 * loads the list again). A disabled button is skipped. Real Chromium, real keys, the BFF and sandbox behind.
 */
import type { Locator, Page } from 'playwright-core';
import { SANDBOX_LIVES } from '../../sandbox';
import {
  copiedTexts,
  recordCopies,
  startBffStack,
  viewerSuite,
  wechatStandIn,
  type PhoneEnv,
  type WechatStandInLog,
} from './support';

jest.setTimeout(90_000);

/** WeChat's green: the focus ring of every button (`client/src/components/pressable/pressable.css`). */
const FOCUS_RING = 'rgb(6, 125, 69)';
/** More Tabs than any viewer page has stops; reaching none of them in this many fails the test. */
const MAX_TABS = 12;

// Pages come with the BFF's first screen over the app until the app takes over: the app's own elements are the
// ones under `.taro_page`.
const suite = viewerSuite();

async function phone(env: PhoneEnv): Promise<Page> {
  const page = await suite.page(env, async (context) => {
    if (env === 'miniProgramWebView') await context.addInitScript(wechatStandIn());
  });
  page.setDefaultTimeout(10_000);
  return page;
}

const livePath = (id: string, replay = false) =>
  `/pages/live/index?id=${encodeURIComponent(id)}${replay ? '&replay=1' : ''}`;

/** One stop of the Tab order: the focused element's role and text. */
interface Stop {
  role: string | null;
  text: string;
}

/** Presses Tab until `target` has the focus (failing after {@link MAX_TABS}); returns the stops passed on the way. */
async function tabTo(page: Page, target: Locator): Promise<Stop[]> {
  const passed: Stop[] = [];
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return passed;
    passed.push(
      await page.evaluate(() => ({
        role: document.activeElement?.getAttribute('role') ?? null,
        text: document.activeElement?.textContent?.trim() ?? '',
      })),
    );
  }
  throw new Error(`${MAX_TABS} Tabs never reached ${target}; passed ${JSON.stringify(passed)}`);
}

/** The labels of the buttons among `stops`. */
const buttonsAmong = (stops: Stop[]) => stops.filter((stop) => stop.role === 'button').map((stop) => stop.text);

/** How the focused element presents itself: its role, and its outline (the focus ring). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return {
      role: el.getAttribute('role'),
      text: el.textContent?.trim(),
      outline: { style: style.outlineStyle, color: style.outlineColor, width: parseFloat(style.outlineWidth) },
    };
  });

describe('H5 by keyboard', () => {
  it('in a phone browser: Tab reaches 打开微信观看, whose Enter goes to the URL Link', async () => {
    const page = await phone('browser');
    const answered = page.waitForResponse((res) => new URL(res.url()).pathname.endsWith('/url-link'));
    await page.goto(`${suite.stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    const { urlLink } = (await (await answered).json()) as { urlLink: string };
    const open = page.locator('.taro_page .live-page .action__button', { hasText: '打开微信观看' });
    await tabTo(page, open);
    expect(await focused(page)).toMatchObject({ role: 'button', text: '打开微信观看', outline: { style: 'solid' } });
    await Promise.all([page.waitForURL(urlLink), page.keyboard.press('Enter')]);
  });

  it('in a phone browser: Tab reaches the copy link, which shows its focus; Enter and Space copy the link', async () => {
    const id = SANDBOX_LIVES.living;
    const page = await phone('browser');
    await page.goto(`${suite.stack.baseUrl}${livePath(id)}`);
    const copy = page.locator('.taro_page .live-page .action__link', { hasText: '复制链接' });
    await copy.waitFor();
    await recordCopies(page);

    await tabTo(page, copy);
    expect(await focused(page)).toEqual({
      role: 'button',
      text: '复制链接',
      outline: { style: 'solid', color: FOCUS_RING, width: expect.any(Number) },
    });
    expect((await focused(page)).outline.width).toBeGreaterThanOrEqual(2);

    const link = `${suite.stack.baseUrl}/live/${id}`;
    await page.keyboard.press('Enter');
    await page.getByText('链接已复制').waitFor();
    expect(await copiedTexts(page)).toEqual([link]);
    // The copy borrows the focus for a moment and gives it back: the viewer is still on the button.
    expect(await copy.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => (window as unknown as { __copies: string[] }).__copies.length === 2);
    expect(await copiedTexts(page)).toEqual([link, link]);
  });

  it('on the home page: Tab passes only the cards’ enabled actions, and Enter on one opens its live', async () => {
    const page = await phone('browser');
    await page.goto(`${suite.stack.baseUrl}/`);
    const enabled = page.locator('.taro_page .home .action__button:not(.action__button--disabled)');
    await enabled.first().waitFor();
    const disabledLabels = await page.locator('.taro_page .home .action__button--disabled').allTextContents();
    expect(disabledLabels.length).toBeGreaterThan(0);

    const last = enabled.last();
    const label = (await last.textContent())!.trim();
    const passed = await tabTo(page, last);
    // Every enabled action before it was a stop; no disabled one was.
    expect(buttonsAmong(passed)).toEqual((await enabled.allTextContents()).slice(0, -1).map((text) => text.trim()));
    expect(await focused(page)).toMatchObject({ role: 'button', text: label });
    await page.keyboard.press('Enter');
    await page.waitForURL('**/pages/live/index?id=*');
    await page.locator('.taro_page .live-page .live-card:not(.skeleton)').waitFor();
  });

  it('on the home page: a card whose action is disabled opens by its theme, a link, with Enter', async () => {
    const page = await phone('browser');
    await page.goto(`${suite.stack.baseUrl}/`);
    const cancelled = page
      .locator('.taro_page .home .live-card', { has: page.locator('.live-badge--cancelled') })
      .first();
    await cancelled.waitFor();
    const theme = cancelled.locator('.live-card__theme');
    expect(await theme.getAttribute('role')).toBe('link');
    await tabTo(page, theme);
    expect(await focused(page)).toMatchObject({
      role: 'link',
      text: (await theme.textContent())!.trim(),
      outline: { style: 'solid', color: 'rgb(6, 125, 69)' },
    });
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/pages/live/index?id=${SANDBOX_LIVES.cancelled}`);
    await page.locator('.taro_page .live-page .live-card:not(.skeleton)').waitFor();
  });

  it('in WeCom’s browser: the disabled action is announced disabled and skipped; Tab reaches 复制链接 and Enter copies', async () => {
    const id = SANDBOX_LIVES.living;
    const page = await phone('wxwork');
    await page.goto(`${suite.stack.baseUrl}${livePath(id)}`);
    await page.getByText('企业微信里不能直接打开，请复制链接到微信打开').waitFor();
    const action = page.locator('.taro_page .live-page .action__button');
    expect(await action.getAttribute('role')).toBe('button');
    expect(await action.getAttribute('aria-disabled')).toBe('true');
    expect(await action.getAttribute('tabindex')).toBeNull();
    await recordCopies(page);

    const copy = page.locator('.taro_page .live-page .action__link', { hasText: '复制链接' });
    const passed = await tabTo(page, copy);
    expect(buttonsAmong(passed)).toEqual([]);
    expect((await focused(page)).role).toBe('button');
    await page.keyboard.press('Enter');
    await page.getByText('链接已复制').waitFor();
    expect(await copiedTexts(page)).toEqual([`${suite.stack.baseUrl}/live/${id}`]);
  });

  it('in a mini program’s web-view: Enter on the action opens the live in the mini program', async () => {
    const id = SANDBOX_LIVES.endedReplayReady;
    const page = await phone('miniProgramWebView');
    await page.goto(`${suite.stack.baseUrl}${livePath(id, true)}`);
    const action = page.locator('.taro_page .live-page .action__button', { hasText: '观看回放' });
    await action.waitFor();
    await tabTo(page, action);
    expect((await focused(page)).role).toBe('button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => (window as unknown as { __wxStandIn: WechatStandInLog }).__wxStandIn.miniProgramNavigations.length > 0,
    );
    const log = await page.evaluate(() => (window as unknown as { __wxStandIn: WechatStandInLog }).__wxStandIn);
    expect(log.miniProgramNavigations).toEqual([livePath(id, true)]);
  });

  it('on the home page: 重试 after a failed load and 刷新 on the empty list load the list again, by Enter and by Space', async () => {
    // A WeCom whose anchors have no lives, down at first: the list fails, then comes back empty.
    const bare = await startBffStack();
    try {
      for (const { livingId } of bare.sandbox.lives.list()) bare.sandbox.lives.remove(livingId);
      bare.sandbox.faults.down();
      const page = await phone('browser');
      const listLoaded = () => page.waitForResponse((res) => new URL(res.url()).pathname === '/api/lives' && res.ok());
      await page.goto(`${bare.baseUrl}/`);
      await page.getByText('加载失败').waitFor({ timeout: 15_000 });
      bare.sandbox.faults.clear();
      // WeCom is back once the BFF's outage hold is over: only then can 重试 load the list.
      while (!(await fetch(`${bare.baseUrl}/api/lives`)).ok) await new Promise((r) => setTimeout(r, 200));

      await tabTo(page, page.locator('.state-view__action', { hasText: '重试' }));
      expect((await focused(page)).role).toBe('button');
      let loaded = listLoaded();
      await page.keyboard.press('Enter');
      await loaded;
      await page.getByText('暂时没有直播').waitFor();

      await tabTo(page, page.locator('.state-view__action', { hasText: '刷新' }));
      loaded = listLoaded();
      await page.keyboard.press(' ');
      await loaded;
      await page.getByText('暂时没有直播').waitFor();
    } finally {
      await bare.close();
    }
  });
});
