/**
 * 开播提醒 on H5 in Chromium, against the BFF + sandbox: inside WeChat (the stand-in's `wx` and open tags) the service
 * account's `wx-open-subscribe` tag lies over 「开播提醒我」, its accept is recorded by the BFF and the page says so;
 * outside WeChat there is no button and nothing is asked. The page with the button passes axe and is usable with the
 * keyboard and at 200 % zoom, as the launch button's tag is.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import {
  SANDBOX_DEFAULT_WX_USER,
  SANDBOX_LIVES,
  SANDBOX_REMINDER_TEMPLATES,
  SANDBOX_WX_USER_COOKIE,
} from '../../sandbox';
import {
  axeReport,
  signInWechatH5,
  SUBSCRIBE_ACCEPTED_BINDING,
  viewerSuite,
  wechatStandIn,
  type PhoneEnv,
} from './support';

jest.setTimeout(60_000);

const suite = viewerSuite({ reminders: true });
const LIVE = SANDBOX_LIVES.reservedTomorrow;
const TEMPLATE = SANDBOX_REMINDER_TEMPLATES.mp.id;
const ASK = '开播提醒我';
const SUBSCRIBED = '已预约，开播时提醒你';
const livePath = `/pages/live/index?id=${LIVE}`;

/** What the page asked of the BFF about reminders. */
function reminderRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/reminder')) seen.push(request);
  });
  return seen;
}

/**
 * A phone page; in WeChat with the stand-ins, signed in as `user` (a WeChat user of the sandbox: each test its own,
 * since a reminder recorded stays), and an accept on the open tag recorded in the sandbox for that user's
 * service-account openid, as WeChat would hold it.
 */
async function viewer(env: PhoneEnv, user = SANDBOX_DEFAULT_WX_USER): Promise<Page> {
  const page = await suite.page(env, async (context: BrowserContext) => {
    if (env !== 'wechat') return;
    await context.addInitScript(wechatStandIn());
    await context.addCookies([{ name: SANDBOX_WX_USER_COOKIE, value: user, domain: '127.0.0.1', path: '/' }]);
    const openid = suite.stack.sandbox.oauth.openidForUser(user);
    await context.exposeFunction(SUBSCRIBE_ACCEPTED_BINDING, (ids: string[]) => {
      for (const id of ids) suite.stack.sandbox.subscriptions.accept('mp', openid, id);
    });
  });
  if (env === 'wechat') await signInWechatH5(page, suite.stack.baseUrl);
  return page;
}

const tag = (page: Page) => page.locator('.reminder wx-open-subscribe');

describe('H5 开播提醒', () => {
  it('in WeChat: the open tag over the button, its accept recorded, and the page says so (also when opened again)', async () => {
    const page = await viewer('wechat');
    const asked = reminderRequests(page);
    await page.goto(`${suite.stack.baseUrl}${livePath}`);
    await page.getByRole('button', { name: ASK }).first().waitFor();
    await tag(page).waitFor({ state: 'attached' });
    await expect(tag(page).getAttribute('template')).resolves.toBe(TEMPLATE);
    // The JS-SDK was configured with the tag allowed.
    const configs = await page.evaluate(
      () => (window as unknown as { __wxStandIn: { configs: unknown[] } }).__wxStandIn.configs,
    );
    expect(configs).toEqual([expect.objectContaining({ openTagList: expect.arrayContaining(['wx-open-subscribe']) })]);

    // A finger on the button lands on WeChat's tag, which lies over it.
    await page.locator('.reminder .action__slot').click();
    await page.getByText(SUBSCRIBED).waitFor();

    const post = asked.find((r) => r.method() === 'POST');
    expect(post?.postDataJSON()).toEqual({ templateId: TEMPLATE });
    const openid = suite.stack.sandbox.oauth.openidForUser(SANDBOX_DEFAULT_WX_USER);
    expect(suite.stack.sandbox.subscriptions.remaining('mp', openid, TEMPLATE)).toBe(1);

    await page.reload();
    await page.getByText(SUBSCRIBED).waitFor();
    await expect(tag(page).count()).resolves.toBe(0);
  });

  it('outside WeChat: no button, and nothing asked about reminders', async () => {
    const page = await viewer('browser');
    const asked = reminderRequests(page);
    await page.goto(`${suite.stack.baseUrl}${livePath}`);
    await page.getByRole('button', { name: '打开微信观看' }).waitFor();
    await page.waitForTimeout(500);
    await expect(page.getByText(ASK).count()).resolves.toBe(0);
    expect(asked).toEqual([]);
  });

  it('the page with the button: no serious or critical axe violation, pressed with the keyboard, covered at 200 % zoom', async () => {
    const page = await viewer('wechat', 'keyboard-viewer');
    await page.goto(`${suite.stack.baseUrl}${livePath}`);
    await tag(page).locator('button').waitFor({ state: 'attached' });
    await expect(axeReport(page, 'H5 reserved live page in WeChat, reminder button')).resolves.toBe('');

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
    const covers = () =>
      page.locator('.reminder .action__slot').evaluate((slot) => {
        const button = slot.querySelector('.action__button')!.getBoundingClientRect();
        const open = slot.querySelector('wx-open-subscribe')!.getBoundingClientRect();
        return [open.left - button.left, open.top - button.top, open.width - button.width, open.height - button.height];
      });
    expect((await covers()).map(Math.round)).toEqual([0, 0, 0, 0]);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
    await cdp.detach();

    // The tag's own button takes the keyboard (WeChat draws our template's button inside the tag).
    await tag(page).locator('button').focus();
    await page.keyboard.press('Enter');
    await page.getByText(SUBSCRIBED).waitFor();
    await expect(axeReport(page, 'H5 reserved live page in WeChat, reminder recorded')).resolves.toBe('');
  });

  it('the staff console counts the reminder the viewer recorded, and the panel passes axe', async () => {
    const LATER = SANDBOX_LIVES.reservedInFiveDays;
    const viewerPage = await viewer('wechat', 'console-viewer');
    await viewerPage.goto(`${suite.stack.baseUrl}/pages/live/index?id=${LATER}`);
    await tag(viewerPage).waitFor({ state: 'attached' });
    await viewerPage.locator('.reminder .action__slot').click();
    await viewerPage.getByText(SUBSCRIBED).waitFor();

    // 赵敏 is staff in the sandbox; its WeCom QR login approves her at once.
    const staff = await suite.page('desktop', (context) =>
      context.addCookies([{ name: 'sandbox_wecom_user', value: 'zhaomin', domain: '127.0.0.1', path: '/' }]),
    );
    await staff.goto(`${suite.stack.baseUrl}/staff/lives/${LATER}/stats`);
    const tiles = staff.getByRole('group', { name: '开播提醒总览' });
    await tiles.waitFor();
    await expect(tiles.textContent()).resolves.toBe('预约人数1待发送1已发送0发送失败0');
    await expect(axeReport(staff, 'console stats with the reminders panel')).resolves.toBe('');
  });

  it('in WeChat before any sign-in: offered once the page has signed the viewer in (for its launch)', async () => {
    const page = await suite.page('wechat', async (context) => {
      await context.addInitScript(wechatStandIn());
      await context.addCookies([
        { name: SANDBOX_WX_USER_COOKIE, value: 'fresh-viewer', domain: '127.0.0.1', path: '/' },
      ]);
    });
    const asked = reminderRequests(page);
    const answers: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('/reminder')) answers.push(response.status());
    });
    await page.goto(`${suite.stack.baseUrl}${livePath}`);
    await tag(page).waitFor({ state: 'attached' });
    // An ask before the sign-in (if it went out before the page left) was refused without a button and without a
    // loop; signed in, the page asked once more.
    expect(answers.at(-1)).toBe(200);
    expect(answers.filter((status) => status !== 200)).toEqual(answers.length > 1 ? [401] : []);
    expect(asked.length).toBeLessThanOrEqual(2);
    await expect(page.getByRole('button', { name: ASK }).count()).resolves.toBe(1);
  });
});
