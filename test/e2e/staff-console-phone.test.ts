/**
 * The staff console on a phone, inside WeCom's own browser (its `wxwork` user agent, so the BFF signs staff in with
 * WeCom's member OAuth rather than the QR login): every page at 390 px without the page scrolling sideways (wide
 * tables scroll inside their own box), charts drawn at the phone's width, buttons big enough to tap. Screenshots go
 * to test-artifacts/staff-phone-*.png (docs/screenshots has a reviewed set).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SANDBOX_LIVES } from '../../sandbox';
import {
  PHONE_VIEWPORT,
  artifactPath,
  launchChromium,
  newPhoneContext,
  requireStaffBuild,
  startBffStack,
  takeCspViolations,
  type BffStack,
} from './support';

jest.setTimeout(90_000);

/** An ended live with a ready replay, given an audience here (the sandbox's generator). */
const LIVE = SANDBOX_LIVES.endedReplayReady;
const AUDIENCE = 640;
/** Campaign tags of the funnel, so the stats page has its per-tag table. */
const TAGS = ['spring_group_moments', 'autumn_customer_salon', undefined];
/** The smallest height a finger hits reliably (Apple's guideline is 44 pt, Material's 48 dp; 40 is our floor). */
const MIN_TAP_HEIGHT = 40;

let stack: BffStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: Error[] = [];

beforeAll(async () => {
  requireStaffBuild();
  stack = await startBffStack();
  stack.sandbox.watchStats.generate(LIVE, AUDIENCE, 'staff-console-phone-e2e');
  for (const from of TAGS) {
    for (let i = 0; i < 3; i++) {
      // Each view a different mini program install, its id issued by the BFF.
      const issued = await fetch(`${stack.baseUrl}/api/visitors`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      const { visitor } = (await issued.json()) as { visitor: string };
      const res = await fetch(`${stack.baseUrl}/api/lives/${LIVE}/views`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ from, visitor }),
      });
      expect(res.ok).toBe(true);
    }
  }
  browser = await launchChromium();
});

afterEach(async () => {
  expect(await takeCspViolations()).toEqual([]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await stack?.close();
});

/** A phone in WeCom whose member OAuth the sandbox approves as `person` (its `sandbox_wecom_user` cookie). */
async function phoneOf(person: string): Promise<{ page: Page; visited: string[] }> {
  const context = await newPhoneContext(browser, 'wxwork');
  contexts.push(context);
  await context.addCookies([{ name: 'sandbox_wecom_user', value: person, domain: '127.0.0.1', path: '/' }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  const visited: string[] = [];
  page.on('request', (request) => request.isNavigationRequest() && visited.push(request.url()));
  return { page, visited };
}

/**
 * The page does not scroll sideways: nothing is wider than the phone's 390 px (a table may scroll in its own box),
 * and every button (and each live's action) is tall enough to tap. Then a screenshot.
 */
async function fitsThePhone(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  // A phone lays the page out wider than its screen when something overflows (and shrinks it to fit), so
  // innerWidth itself must stay the phone's.
  const widths = await page.evaluate(
    (phoneWidth) => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      // Elements sticking out past the right edge (not inside a box that scrolls or clips), to name them.
      overflowing: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > phoneWidth + 0.5)
        .filter((el) => {
          for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
            if (getComputedStyle(up).overflowX !== 'visible') return false;
          return true;
        })
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} → ${Math.round(el.getBoundingClientRect().right)}`),
    }),
    PHONE_VIEWPORT.width,
  );
  expect(widths).toEqual(expect.objectContaining({ overflowing: [] }));
  expect(widths.innerWidth).toBe(PHONE_VIEWPORT.width);
  expect(widths.scrollWidth).toBeLessThanOrEqual(widths.innerWidth);
  const short = await page.evaluate(
    (min) =>
      [...document.querySelectorAll<HTMLElement>('.button, .dialog button, .lives__actions > *')]
        .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height < min)
        .map((el) => `${el.textContent} ${Math.round(el.getBoundingClientRect().height)}px`),
    MIN_TAP_HEIGHT,
  );
  expect(short).toEqual([]);
  await page.screenshot({ path: artifactPath(`staff-phone-${name}.png`), fullPage });
}

/** Pixels of a canvas that are not transparent, and its width on the page against its panel's. */
function chartDrawn(page: Page, index: number) {
  return page.evaluate((i) => {
    const canvas = document.querySelectorAll('canvas')[i] as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let p = 3; p < data.length; p += 4) if (data[p]! > 0) painted++;
    const box = canvas.getBoundingClientRect();
    const panel = canvas.closest('.panel')!.getBoundingClientRect();
    return { width: canvas.width, height: canvas.height, painted, right: box.right, panelRight: panel.right };
  }, index);
}

describe('staff console on a phone in WeCom', () => {
  it('fits every page into 390 px: lives, stats with drawn charts, share kit, the create form and the dialog', async () => {
    const { page, visited } = await phoneOf('zhaomin');
    await page.goto(`${stack.baseUrl}/staff/`);
    await page.locator('.topbar__user').waitFor();
    // Inside WeCom the sign-in is WeCom's member OAuth, not the QR login of desktop browsers.
    expect(visited.some((url) => new URL(url).pathname === '/connect/oauth2/authorize')).toBe(true);
    expect(visited.some((url) => new URL(url).pathname === '/wwlogin/sso/login')).toBe(false);
    await page.locator(`tr[data-living-id="${LIVE}"]`).waitFor();
    await fitsThePhone(page, 'lives');

    await page.locator(`tr[data-living-id="${LIVE}"]`).getByRole('link', { name: '数据' }).click();
    await page.waitForURL(`**/staff/lives/${LIVE}/stats`);
    await page.locator('canvas').nth(2).waitFor();
    await page.locator('.funnel').waitFor();
    await page.locator('tr', { hasText: 'spring_group_moments' }).waitFor();
    expect(await page.locator('canvas').count()).toBe(3);
    for (const index of [0, 1, 2]) {
      const chart = await chartDrawn(page, index);
      // Drawn at the phone's width (device pixels: twice the CSS pixels), inside its panel.
      expect(chart.width).toBeGreaterThan(200);
      expect(chart.right).toBeLessThanOrEqual(chart.panelRight);
      expect(chart.painted).toBeGreaterThan(chart.width * chart.height * 0.02);
    }
    await fitsThePhone(page, 'stats');

    await page.getByRole('link', { name: '分享物料' }).click();
    await page.waitForURL(`**/staff/lives/${LIVE}/share`);
    await page.locator('input[name=from]').fill('spring_group_moments');
    await page.getByRole('button', { name: '更新链接和图片' }).click();
    await page.waitForURL('**/share?from=spring_group_moments');
    await page.waitForFunction(() => {
      const images = [...document.querySelectorAll('.image-panel img')] as HTMLImageElement[];
      return images.length === 3 && images.every((img) => img.src.includes('from=') && img.naturalWidth > 0);
    });
    await fitsThePhone(page, 'share');

    // A manager: the create form, then the list with the new live's actions and the confirmation dialog.
    const manager = (await phoneOf('lifang')).page;
    await manager.goto(`${stack.baseUrl}/staff/`);
    await manager.getByRole('link', { name: '创建预约直播' }).click();
    await manager.waitForURL('**/staff/lives/new');
    const theme = '手机上预约的新品发布会';
    await manager.locator('input[name=theme]').fill(theme);
    await manager.locator('textarea[name=description]').fill('在企业微信里用手机创建的预约直播。');
    await fitsThePhone(manager, 'create');
    await manager.getByRole('button', { name: '创建' }).click();
    // Created: on to its share kit, then back to the list.
    await manager.waitForURL('**/staff/lives/*/share');
    await manager.locator('.link-row__url').first().waitFor();
    await manager.getByRole('link', { name: '直播列表' }).click();
    await manager.waitForURL(`${stack.baseUrl}/staff/`);
    const row = manager.locator('tr', { hasText: theme });
    await row.waitFor();
    await row.getByRole('button', { name: '取消直播' }).click();
    await manager.getByRole('dialog').waitFor();
    // The dialog is fixed to the screen: what the phone shows, not the whole list behind it.
    await fitsThePhone(manager, 'cancel-dialog', { fullPage: false });

    expect(pageErrors).toEqual([]);
  });
});
