/**
 * Outside WeChat (issue 22), in Chromium against the BFF + sandbox: on a phone browser (Chrome on Android, Safari on
 * an iPhone) the live page's 「打开微信观看」 goes to a WeChat URL Link of our mini program's live page — the sandbox's
 * `generate_urllink` makes links whose page records the open, with the live, the replay flag and the campaign tag the
 * page was opened with. A desktop keeps the QR code; with WeChat's daily quota spent the phone gets the QR code and
 * copy link instead.
 */
import type { Page } from 'playwright-core';
import { SANDBOX_LIVES } from '../../sandbox';
import { copiedTexts, recordCopies, viewerSuite, type PhoneEnv } from './support';

jest.setTimeout(90_000);

const suite = viewerSuite();

const livePath = (id: string, { replay = false, from }: { replay?: boolean; from?: string } = {}) =>
  `/pages/live/index?id=${id}${replay ? '&replay=1' : ''}${from ? `&from=${from}` : ''}`;

const openButton = (page: Page) => page.getByRole('button', { name: '打开微信观看' });

/** The sandbox's page for a URL Link says it opened (or why not). */
const linkPageState = (page: Page) => page.locator('#url-link-state').textContent();

afterEach(() => suite.stack.sandbox.urlLinks.setQuota({ perDay: 500_000, used: 0 }));

describe('a phone browser outside WeChat opens the live in WeChat with one tap (URL Link)', () => {
  it.each<[PhoneEnv, string, string, boolean]>([
    ['browser', 'an Android phone browser', SANDBOX_LIVES.living, false],
    ['iphone', 'an iPhone browser', SANDBOX_LIVES.living, false],
    ['iphone', 'an iPhone browser, the replay', SANDBOX_LIVES.endedReplayReady, true],
  ])(
    '%s (%s): the button goes to the link, and the open is recorded with its tag',
    async (env, _, livingId, replay) => {
      const from = `sms_${env}${replay ? '_r' : ''}`;
      const page = await suite.page(env);
      const asked = page.waitForResponse((res) => new URL(res.url()).pathname.endsWith('/url-link'));
      await page.goto(`${suite.stack.baseUrl}${livePath(livingId, { replay, from })}`);
      const answer = await asked;
      expect(new URL(answer.url()).search).toBe(replay ? `?replay=1&from=${from}` : `?from=${from}`);
      const { urlLink } = (await answer.json()) as { urlLink: string };
      expect(urlLink).toMatch(/\/wxaurl\/[0-9A-Za-z]{12}$/);
      await expect(page.locator('.web-launch').count()).resolves.toBe(0);
      await expect(page.getByText(replay ? '在微信小程序里观看回放' : '在微信小程序里进入直播').count()).resolves.toBe(
        1,
      );

      await Promise.all([page.waitForURL(urlLink), openButton(page).click()]);
      await expect(linkPageState(page)).resolves.toBe('opened');
      const opens = suite.stack.sandbox.urlLinks.opens().filter((o) => o.url === urlLink);
      expect(opens).toEqual([
        expect.objectContaining({ livingId, replay, from, expired: false, path: 'pages/live/index' }),
      ]);
      expect(opens[0]?.userAgent).toContain(env === 'iphone' ? 'iPhone' : 'Android');
    },
  );

  it('a tap before the link arrived waits for it, then goes', async () => {
    const page = await suite.page('browser');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/url-link**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${suite.stack.baseUrl}${livePath(SANDBOX_LIVES.living, { from: 'sms_wait' })}`);
    await openButton(page).click();
    await page.getByText('正在打开微信…').waitFor();
    release();
    await page.waitForURL(/\/wxaurl\//);
    await expect(linkPageState(page)).resolves.toBe('opened');
    expect(suite.stack.sandbox.urlLinks.opens().at(-1)).toMatchObject({
      livingId: SANDBOX_LIVES.living,
      from: 'sms_wait',
    });
  });

  it('a desktop keeps the QR code and copy link, and asks for no link', async () => {
    const page = await suite.page('desktop');
    const asked: string[] = [];
    page.on('request', (req) => void (req.url().includes('/url-link') && asked.push(req.url())));
    await page.goto(`${suite.stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    await page.locator('.web-launch__qr-image').waitFor();
    await expect(page.getByText('用微信扫码进入直播').count()).resolves.toBe(1);
    await expect(openButton(page).count()).resolves.toBe(0);
    expect(asked).toEqual([]);
  });

  it('with WeChat’s daily quota spent: the QR code and copy link, which copies the tagged short link', async () => {
    const { urlLinks } = suite.stack.sandbox;
    urlLinks.setQuota({ used: urlLinks.quota().perDay });
    const issuedBefore = urlLinks.issued().length;
    const page = await suite.page('browser');
    await page.goto(`${suite.stack.baseUrl}${livePath(SANDBOX_LIVES.living, { from: 'quota_spent' })}`);
    await page.locator('.web-launch__qr-image').waitFor();
    await expect(page.getByText('在微信中进入直播').count()).resolves.toBe(1);
    await expect(openButton(page).count()).resolves.toBe(0);
    expect(urlLinks.issued()).toHaveLength(issuedBefore);

    await recordCopies(page);
    await page.getByRole('button', { name: '复制链接' }).click();
    await expect(copiedTexts(page)).resolves.toEqual([
      `${suite.stack.baseUrl}/live/${SANDBOX_LIVES.living}?from=quota_spent`,
    ]);
  });
});
