/**
 * The staff console end to end: headless Chromium, the BFF serving the built console (`dist/staff`) and its API,
 * the sandbox standing in for WeCom (QR login, get_watch_stat, living/create) and WeChat (the mini program code),
 * all over loopback. Each step saves a screenshot (test-artifacts/staff-*.png; docs/screenshots has a reviewed set).
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SANDBOX_LIVES } from '../../sandbox';
import type { StaffWatchStats } from '../../shared/staff-api';
import {
  DESKTOP_VIEWPORT,
  artifactPath,
  launchChromium,
  requireStaffBuild,
  startBffStack,
  takeCspViolations,
  watchCsp,
  type BffStack,
} from './support';
import { csvRecords } from '../support/csv-records';

jest.setTimeout(60_000);

/** An ended live with a ready replay, given an audience here (the sandbox's generator, several pages of it). */
const LIVE = SANDBOX_LIVES.endedReplayReady;
const AUDIENCE = 640;
const SANDBOX_USER_COOKIE = 'sandbox_wecom_user';

let stack: BffStack;
let browser: Browser;
let contexts: BrowserContext[] = [];
let pageErrors: Error[] = [];

beforeAll(async () => {
  requireStaffBuild();
  stack = await startBffStack();
  stack.sandbox.watchStats.generate(LIVE, AUDIENCE, 'staff-console-e2e');
  await visitTheLivePage();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

afterEach(async () => {
  const violations = await takeCspViolations();
  await Promise.all(contexts.map((c) => c.close()));
  contexts = [];
  const errors = pageErrors;
  pageErrors = [];
  expect(errors).toEqual([]);
  expect(violations).toEqual([]);
});

/** Our funnel for {@link LIVE}, by campaign tag: the views, taps and opens the viewer clients would report. */
const FUNNEL = [
  { from: 'spring_group', views: 14, taps: 5, opens: 3 },
  { from: undefined, views: 6, taps: 2, opens: 1 },
];

/** Beacons and code requests as viewers' clients send them (each view a different visitor, each tap a viewer). */
async function visitTheLivePage(): Promise<void> {
  const post = async (path: string, body: object, token?: string) => {
    const res = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : ((await res.json()) as { token?: string; visitor?: string });
  };
  let n = 0;
  for (const { from, views, taps, opens } of FUNNEL) {
    for (let i = 0; i < views; i++)
      await post(`/api/lives/${LIVE}/views`, { from, visitor: (await post('/api/visitors', {}))!.visitor });
    for (let i = 0; i < taps; i++) {
      const session = await post('/api/session/weapp', { code: `viewer${++n}e2e-login` });
      await post(`/api/lives/${LIVE}/code`, { from }, session?.token);
      // Some of those who tapped report that WeCom's live mini program opened.
      if (i < opens) await post(`/api/lives/${LIVE}/opens`, { from }, session?.token);
    }
  }
}

/**
 * A desktop browser whose WeCom QR login the sandbox approves as `person` (its `sandbox_wecom_user` cookie, on
 * the sandbox's host: cookies do not care about ports, so the BFF's 127.0.0.1 carries it too, harmlessly).
 */
async function browserOf(person: string): Promise<{ context: BrowserContext; page: Page; visited: string[] }> {
  const context = await browser.newContext({
    viewport: DESKTOP_VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  contexts.push(context);
  await watchCsp(context);
  await context.addCookies([{ name: SANDBOX_USER_COOKIE, value: person, domain: '127.0.0.1', path: '/' }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  const visited: string[] = [];
  page.on('request', (request) => request.isNavigationRequest() && visited.push(request.url()));
  return { context, page, visited };
}

/** Pixels of a canvas that are not transparent: a chart that drew nothing has none. */
function paintedPixels(page: Page, index: number): Promise<{ width: number; height: number; painted: number }> {
  return page.evaluate((i) => {
    const canvas = document.querySelectorAll('canvas')[i] as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let p = 3; p < data.length; p += 4) if (data[p]! > 0) painted++;
    return { width: canvas.width, height: canvas.height, painted };
  }, index);
}

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

describe('staff console', () => {
  it('signs staff in with WeCom QR login, then shows a live’s numbers with drawn charts and downloads the CSV', async () => {
    const { page, visited } = await browserOf('zhaomin');
    const statsPath = `/staff/lives/${LIVE}/stats`;
    await page.goto(`${stack.baseUrl}${statsPath}`);
    // The page first loads without a session, leaves to sign in, and comes back to the same path signed in.
    await page.locator('.topbar__user').waitFor();
    expect(page.url()).toBe(`${stack.baseUrl}${statsPath}`);
    // No session: the console went to the BFF's sign-in, which sent the browser to WeCom's QR login and back.
    expect(visited.some((url) => new URL(url).pathname === '/api/staff/session')).toBe(true);
    expect(visited.some((url) => new URL(url).pathname === '/wwlogin/sso/login')).toBe(true);
    await expect(page.locator('.topbar__user').textContent()).resolves.toContain('zhaomin');

    const stats = (await (
      await page.request.get(`${stack.baseUrl}/api/staff/lives/${LIVE}/stats`)
    ).json()) as StaffWatchStats;
    expect(stats.viewers).toBe(AUDIENCE);
    await page.locator('canvas').nth(2).waitFor();
    await expect(page.locator('.tile').first().textContent()).resolves.toContain(AUDIENCE.toLocaleString('en-US'));
    await expect(page.getByTestId('fetched-at').textContent()).resolves.toMatch(/数据更新于 \d\d:\d\d:\d\d/);
    // Our funnel beside WeCom's count, in total and per tag.
    const funnel = page.locator('.funnel');
    await funnel.waitFor();
    const total = (key: 'views' | 'taps' | 'opens') => FUNNEL.reduce((sum, row) => sum + row[key], 0);
    await expect(funnel.locator('.funnel__step .tile__value').allTextContents()).resolves.toEqual(
      [total('views'), total('taps'), total('opens')].map(String),
    );
    await expect(funnel.locator('.funnel__wecom .tile__value').textContent()).resolves.toBe(String(AUDIENCE));
    await expect(page.locator('tr', { hasText: 'spring_group' }).textContent()).resolves.toMatch(/spring_group14.*5/);
    // Three charts (watch time, audience split, inviters), each with something drawn on it.
    expect(await page.locator('canvas').count()).toBe(3);
    for (const index of [0, 1, 2]) {
      const canvas = await paintedPixels(page, index);
      expect(canvas.width).toBeGreaterThan(100);
      expect(canvas.painted).toBeGreaterThan(canvas.width * canvas.height * 0.02);
    }
    await page.screenshot({ path: artifactPath('staff-1-stats.png'), fullPage: true });

    const csv = await downloaded(page, () => page.getByRole('link', { name: '下载观众明细 CSV' }).click());
    expect(csv.name).toBe(`watchers-${LIVE}.csv`);
    expect(csv.bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const records = csvRecords(csv.bytes.subarray(3).toString('utf8'));
    expect(records[0]!.length).toBeGreaterThan(3);
    expect(records.length).toBe(1 + AUDIENCE);

    // A staff member who is not a manager may not create lives: the console says so and names the account.
    await page.goto(`${stack.baseUrl}/staff/lives/new`);
    await expect(page.locator('.forbidden').textContent()).resolves.toMatch(/无权访问.*zhaomin/);
    await page.screenshot({ path: artifactPath('staff-5-not-a-manager.png') });

    // Signing out is a same-origin POST (the BFF checks its Origin); the cookie is gone afterwards.
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByText('已退出管理台').waitFor();
    expect((await page.request.get(`${stack.baseUrl}/api/staff/me`)).status()).toBe(401);
  });

  it('shows the share kit with a campaign tag and downloads the poster', async () => {
    const { page } = await browserOf('zhaomin');
    await page.goto(`${stack.baseUrl}/staff/lives/${LIVE}/share`);
    const live = page.locator('.link-row__url').first();
    await expect(live.inputValue()).resolves.toBe(`${stack.baseUrl}/live/${LIVE}`);

    await page.locator('input[name=from]').fill('bad tag!');
    await expect(page.getByRole('button', { name: '更新链接和图片' }).isDisabled()).resolves.toBe(true);
    await page.locator('input[name=from]').fill('spring_group');
    await page.getByRole('button', { name: '更新链接和图片' }).click();
    await page.waitForURL(`**/share?from=spring_group`);
    await page.waitForFunction(
      (expected) => (document.querySelector('.link-row__url') as HTMLInputElement | null)?.value === expected,
      `${stack.baseUrl}/live/${LIVE}?from=spring_group`,
    );
    // Every image shown loaded (decoded with a size), and carries the tag.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.image-panel img')].every((img) => (img as HTMLImageElement).naturalWidth > 0),
    );
    const sources = await page
      .locator('.image-panel img')
      .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
    expect(sources).toHaveLength(3);
    for (const src of sources) expect(src).toContain('from=spring_group');
    await page.screenshot({ path: artifactPath('staff-2-share.png'), fullPage: true });

    const poster = await downloaded(page, () => page.getByRole('link', { name: '下载海报' }).click());
    expect(poster.name).toMatch(/\.png$/);
    const size = pngSize(poster.bytes);
    expect(size.width).toBeGreaterThanOrEqual(600);
    expect(size.height).toBeGreaterThan(size.width);
  });

  it('shows the tag’s URL Links, SMS texts and the mini program card’s appid and paths, each with a copy button', async () => {
    const { context, page } = await browserOf('zhaomin');
    // What the console's copy buttons put on the clipboard (127.0.0.1 is a secure context: the Clipboard API).
    await context.addInitScript(() => {
      const copies: string[] = [];
      (window as unknown as { __copies: string[] }).__copies = copies;
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: async (text: string) => void copies.push(text) },
      });
    });
    await page.goto(`${stack.baseUrl}/staff/lives/${LIVE}/share?from=sms_spring`);
    const section = (name: string) => page.locator('section.panel', { has: page.getByRole('heading', { name }) });
    const urlLinks = section('微信外打开（URL Link）');
    await urlLinks.getByLabel('直播页').waitFor();
    const links = stack.sandbox.urlLinks.issued();
    const live = links.find((l) => l.query === `id=${LIVE}&from=sms_spring`);
    const replay = links.find((l) => l.query === `id=${LIVE}&replay=1&from=sms_spring`);
    expect(live?.path).toBe('pages/live/index');
    await expect(urlLinks.getByLabel('直播页').inputValue()).resolves.toBe(live?.url);
    await expect(urlLinks.getByLabel('回放页').inputValue()).resolves.toBe(replay?.url);

    const sms = section('短信文案');
    await expect(sms.getByLabel('直播').inputValue()).resolves.toContain(live!.url);
    await expect(sms.getByLabel('回放').inputValue()).resolves.toContain(replay!.url);

    const card = section('公众号文章和菜单的小程序卡片');
    await expect(card.getByLabel('AppID').inputValue()).resolves.toMatch(/^wx[0-9a-f]{16}$/);
    await expect(card.getByLabel('回放页').inputValue()).resolves.toBe(
      `pages/live/index?id=${LIVE}&replay=1&from=sms_spring`,
    );

    const copy = async (region: typeof urlLinks, field: string, button: string) => {
      const row = region.locator('.link-row', { has: page.getByLabel(field, { exact: true }) });
      await row.getByRole('button', { name: button }).click();
      await row.getByRole('button', { name: '已复制' }).waitFor();
      return row.getByLabel(field, { exact: true }).inputValue();
    };
    const expected = [
      await copy(urlLinks, '回放页', '复制链接'),
      await copy(sms, '回放', '复制文案'),
      await copy(card, 'AppID', '复制 AppID'),
      await copy(card, '回放页', '复制路径'),
    ];
    await expect(page.evaluate(() => (window as unknown as { __copies: string[] }).__copies)).resolves.toEqual(
      expected,
    );
    await page.screenshot({ path: artifactPath('staff-2-share-url-links.png'), fullPage: true });
  });

  it('says where no URL Link can be made (WeChat’s quota spent), and the SMS texts carry the stable links', async () => {
    const { urlLinks } = stack.sandbox;
    urlLinks.setQuota({ used: urlLinks.quota().perDay });
    try {
      const { page } = await browserOf('zhaomin');
      await page.goto(`${stack.baseUrl}/staff/lives/${LIVE}/share?from=quota_spent`);
      const section = page.locator('section.panel', {
        has: page.getByRole('heading', { name: '微信外打开（URL Link）' }),
      });
      await section
        .getByText(/暂时无法生成/)
        .first()
        .waitFor();
      await expect(section.getByText(/暂时无法生成/).count()).resolves.toBe(2);
      await expect(section.locator('input').count()).resolves.toBe(0);
      const sms = page.locator('section.panel', { has: page.getByRole('heading', { name: '短信文案' }) });
      await expect(sms.getByLabel('直播').inputValue()).resolves.toContain(
        `${stack.baseUrl}/live/${LIVE}?from=quota_spent`,
      );
      await sms.getByText('没有 URL Link 时，文案里是稳定链接。').waitFor();
    } finally {
      urlLinks.setQuota({ perDay: 500_000, used: 0 });
    }
  });

  it('says 生成失败 for an image the BFF could not draw, without a download, and 重试 draws it', async () => {
    const { page } = await browserOf('zhaomin');
    // WeCom refusing the mini program code once (the BFF's 503 POSTER_UNAVAILABLE), then answering.
    let refused = 0;
    await page.route('**/mini-program-code.png*', async (route) => {
      if (refused++ > 0) return route.continue();
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'POSTER_UNAVAILABLE', message: 'WeCom did not draw the code' } }),
      });
    });
    await page.goto(`${stack.baseUrl}/staff/lives/${LIVE}/share`);
    const panel = page.locator('.image-panel', { hasText: '小程序码' });
    await panel.getByRole('alert').filter({ hasText: '生成失败' }).waitFor();
    await expect(panel.getByRole('link', { name: '下载小程序码' }).count()).resolves.toBe(0);
    await expect(panel.locator('img').count()).resolves.toBe(0);

    await panel.getByRole('button', { name: '重试' }).click();
    await panel.getByRole('link', { name: '下载小程序码' }).waitFor();
    const image = await panel
      .locator('img')
      .evaluate((img) => ({ width: (img as HTMLImageElement).naturalWidth, src: img.getAttribute('src') }));
    expect(image.src).toContain('retry=1');
    expect(image.width).toBeGreaterThan(0);
    expect(refused).toBe(2);
  });

  it('lets a manager create a reserved live in the form and shows it in the list', async () => {
    const { page } = await browserOf('lifang');
    await page.goto(`${stack.baseUrl}/staff/`);
    await page.getByRole('link', { name: '创建预约直播' }).click();
    await page.waitForURL('**/staff/lives/new');
    const theme = '冬季新品预告会';
    await page.locator('input[name=theme]').fill('这是一个超过二十个字的直播主题用来检查长度限制是否生效');
    await page.getByRole('button', { name: '创建' }).click();
    await expect(page.locator('.field__error').first().textContent()).resolves.toContain('最多 20 个字');
    await page.locator('input[name=theme]').fill(theme);
    await page.locator('select[name=type]').selectOption('event');
    await page.locator('textarea[name=description]').fill('新品抢先看，直播间专属优惠。');
    await page.screenshot({ path: artifactPath('staff-3-create.png'), fullPage: true });
    await page.getByRole('button', { name: '创建' }).click();
    // Created: on to its share kit (the next thing to do with it), then back to the list.
    await page.waitForURL('**/staff/lives/*/share');
    await page.locator('.link-row__url').first().waitFor();
    await page.getByRole('link', { name: '直播列表' }).click();
    await page.waitForURL(`${stack.baseUrl}/staff/`);
    const row = page.locator('tr', { hasText: theme });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('预约中');
    // Reserved and made by this app: a manager may change or cancel it (and is told cancelling ends at the start).
    await expect(row.getByRole('link', { name: '修改' }).count()).resolves.toBe(1);
    await page.screenshot({ path: artifactPath('staff-4-lives.png'), fullPage: true });
    await row.getByRole('button', { name: '取消直播' }).click();
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('只能在开播前取消');
    await expect(page.getByRole('button', { name: '取消直播' }).last().isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: artifactPath('staff-4b-cancel-dialog.png') });
    await page.getByRole('dialog').getByRole('button', { name: '返回' }).click();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);

    // Modify: the form comes filled in; only the theme changes.
    await row.getByRole('link', { name: '修改' }).click();
    await page.waitForURL('**/edit');
    await expect(page.locator('input[name=theme]').inputValue()).resolves.toBe(theme);
    await expect(page.locator('input[name=anchorUserId]').isDisabled()).resolves.toBe(true);
    const renamed = '冬季新品预告会（加场）';
    await page.locator('input[name=theme]').fill(renamed);
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.waitForURL(`${stack.baseUrl}/staff/`);
    const renamedRow = page.locator('tr', { hasText: renamed });
    await renamedRow.waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain('已保存修改');

    // Cancel, confirmed: WeCom cancels it, and the list says so.
    await renamedRow.getByRole('button', { name: '取消直播' }).click();
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: '取消直播' }).last().click();
    // Waited for, not read at once: the notice of the modify ("已保存修改") is on screen until the cancel ends.
    await page
      .getByRole('status')
      .filter({ hasText: `已取消「${renamed}」` })
      .waitFor();
    await page.locator('tr', { hasText: renamed }).locator('.badge', { hasText: '已取消' }).waitFor();
    await expect(renamedRow.getByRole('button', { name: '取消直播' }).count()).resolves.toBe(0);
  });

  it('after a create whose answer was lost, points to the list and sends the form again only once ticked', async () => {
    const { page } = await browserOf('lifang');
    // The BFF creates the live, but the answer arrives as a 503 (a proxy in between timed out).
    let posts = 0;
    await page.route('**/api/staff/lives', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts++;
      const res = await route.fetch();
      if (posts > 1) return route.fulfill({ response: res });
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UPSTREAM_UNAVAILABLE', message: 'WeCom did not answer' } }),
      });
    });
    await page.goto(`${stack.baseUrl}/staff/lives/new`);
    const theme = '答复丢失的预约直播';
    await page.locator('input[name=theme]').fill(theme);
    await page.getByRole('button', { name: '创建' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '创建结果未知' });
    await alert.waitFor();
    await expect(page.getByRole('button', { name: '创建' }).isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: artifactPath('staff-3b-create-unknown.png'), fullPage: true });

    // The list (a new tab, so the form stays) shows the live was made after all.
    const [list] = await Promise.all([
      page.context().waitForEvent('page'),
      alert.getByRole('link', { name: '直播列表' }).click(),
    ]);
    await list.locator('tr', { hasText: theme }).waitFor();
    await list.close();
    expect(posts).toBe(1);

    await page.getByRole('checkbox', { name: '我已确认直播列表里没有这场直播' }).check();
    await expect(page.getByRole('button', { name: '创建' }).isDisabled()).resolves.toBe(false);
  });

  it('refuses a member of the corp who is not on the staff list', async () => {
    const { page } = await browserOf('wangqiang');
    const refused = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/staff/session/callback');
    await page.goto(`${stack.baseUrl}/staff/`);
    expect((await refused).status()).toBe(403);
    const words = await page.locator('body').textContent();
    expect(words).toContain('你还没有管理台的权限');
    expect(words).toContain('wangqiang');
    await page.screenshot({ path: artifactPath('staff-6-not-staff.png') });
  });
});
