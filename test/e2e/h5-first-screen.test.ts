/**
 * The first screen (issue 19) in Chromium: the BFF draws home and live pages into their HTML, the app takes them over
 * in place. What a viewer sees before the app runs is laid out exactly as what the app draws (every element where it
 * will be, saying the same); once a card is on screen it stays on screen, no skeleton is ever drawn, nothing shifts
 * (CLS), and the app asks nothing the HTML already brought. A hostile theme from WeCom is text, everywhere.
 */
import type { Page } from 'playwright-core';
import { SANDBOX_LIVES } from '../../sandbox';
import { signInWechatH5, viewerSuite, wechatStandIn, type PhoneEnv } from './support';

jest.setTimeout(120_000);

const suite = viewerSuite();

/**
 * A page looking like `env`; in WeChat with the stand-ins and signed in, so the app does not leave for the sign-in.
 * Without `app`, the app's scripts never load: the page keeps the first screen the BFF drew (the app-start script
 * still runs and shows what the first frame left out).
 */
async function open(env: PhoneEnv, { app = true } = {}): Promise<Page> {
  const page = await suite.page(env, async (context) => {
    if (env === 'wechat') await context.addInitScript(wechatStandIn());
  });
  if (env === 'wechat') await signInWechatH5(page, suite.stack.baseUrl);
  if (!app) await page.route('**/js/**', (route) => route.abort());
  return page;
}

/** The first screen as it stands once its first frame is painted: nothing of it hidden any more. */
const wholeFirstScreen = (page: Page) =>
  page.waitForFunction(
    () => document.querySelector('#first-screen') && !document.querySelector('#first-screen [hidden]'),
  );

const livePath = (id: string, replay = false) => `/pages/live/index?id=${id}${replay ? '&replay=1' : ''}`;

/** The app has drawn its page and the first screen is gone. */
const takenOver = (page: Page) =>
  page.waitForFunction(() => !document.getElementById('first-screen') && document.querySelector('.taro_page .page'));

/**
 * Every element under `root` in document order: where it is and, for a leaf, what it says. The action's inside is
 * left out (the app fills it in: a QR code image, WeChat's open tag over the button), its box is not; so are the
 * heights of the page and of home's list, which the app makes longer with the cards the HTML did not draw.
 */
const layoutOf = (page: Page, root: string) =>
  page.evaluate((root) => {
    const rows: string[] = [];
    for (const el of document.querySelectorAll(`${root} *`)) {
      if (el.parentElement?.closest('.live-card__action')) continue;
      const b = el.getBoundingClientRect();
      const growing = el.matches('.page, .home__list');
      const box = [b.x, b.y, b.width, growing ? -1 : b.height].map(Math.round).join(',');
      const words = el.children.length === 0 ? el.textContent : '';
      rows.push(`${el.tagName.toLowerCase()}.${[...el.classList].sort().join('.')} @${box} ${words}`);
    }
    return rows;
  }, root);

/**
 * What the action says inside, and where: each leaf under the action's box (a button's label, a hint, a link), by
 * its box and words, whatever element draws it. For the actions the app draws as the BFF does (a phone browser's
 * 打开微信观看, WeCom's way out), not WeChat's open tag or the QR code's image.
 */
const actionWordsOf = (page: Page, root: string) =>
  page.evaluate((root) => {
    const rows: string[] = [];
    for (const el of document.querySelectorAll(`${root} .live-card__action *`)) {
      if (el.children.length > 0 || !el.textContent) continue;
      const b = el.getBoundingClientRect();
      rows.push(`@${[b.x, b.y, b.width, b.height].map(Math.round).join(',')} ${el.textContent}`);
    }
    return rows;
  }, root);

describe('the first screen: drawn by the BFF, taken over in place by the app', () => {
  const cases: Array<[PhoneEnv, string, string]> = [
    ...(['browser', 'wechat'] as const).flatMap((env): Array<[PhoneEnv, string, string]> => [
      [env, 'home', '/'],
      [env, 'live now', livePath(SANDBOX_LIVES.living)],
      [env, 'starts soon (countdown)', livePath(SANDBOX_LIVES.reservedSoon)],
      [env, 'replay still generating (disabled, with a hint)', livePath(SANDBOX_LIVES.endedReplayGenerating)],
      [env, 'the replay asked for', livePath(SANDBOX_LIVES.endedReplayReady, true)],
    ]),
    ['iphone', 'live now', livePath(SANDBOX_LIVES.living)],
    ['iphone', 'the replay asked for', livePath(SANDBOX_LIVES.endedReplayReady, true)],
    ['wxwork', 'live now', livePath(SANDBOX_LIVES.living)],
    ['desktop', 'live now', livePath(SANDBOX_LIVES.living)],
    ['miniProgramWebView', 'live now', livePath(SANDBOX_LIVES.living)],
  ];

  it.each(cases)('%s, %s: every element where the app will draw it, saying the same', async (env, _, path) => {
    const before = await open(env, { app: false });
    await before.goto(`${suite.stack.baseUrl}${path}`);
    await wholeFirstScreen(before);
    const drawn = await layoutOf(before, '#first-screen');
    expect(drawn.filter((row) => row.startsWith('div.live-card.')).length).toBeGreaterThan(0);

    const after = await open(env);
    await after.goto(`${suite.stack.baseUrl}${path}`);
    await takenOver(after);
    const app = await layoutOf(after, '.taro_page');
    // The countdown ticks each second: its words (and the width of its digits) may have moved on between the visits.
    const steady = (rows: string[]) =>
      rows.map((row) => row.replace(/,\d+,(\d+) 距开播 \d\d:\d\d:\d\d$/, ',…,$1 距开播 …'));
    expect(steady(app).slice(0, drawn.length)).toEqual(steady(drawn));
    // A phone browser's 打开微信观看 (its label, hint and copy link) and WeCom's way out: inside too.
    if (['browser', 'iphone', 'wxwork'].includes(env) && path !== '/') {
      const words = await actionWordsOf(before, '#first-screen');
      expect(words.length).toBeGreaterThanOrEqual(2);
      expect(await actionWordsOf(after, '.taro_page')).toEqual(words);
    }
  });

  it.each([
    ['home', '/'],
    ['a live page', livePath(SANDBOX_LIVES.living)],
  ])(
    '%s: once a card shows it stays, no skeleton is ever drawn, nothing shifts, nothing is asked twice',
    async (_, path) => {
      const page = await open('browser');
      await page.addInitScript(`(() => {
      const seen = (window.__firstScreen = { frames: [], skeleton: false, shift: 0 });
      // A card with its top left corner in the viewport (the router's page waits off-screen before it shows).
      const cardOnScreen = () =>
        [...document.querySelectorAll('#first-screen .live-card, .taro_page .live-card:not(.skeleton)')].some((card) => {
          const box = card.getBoundingClientRect();
          return box.height > 0 && box.left >= 0 && box.left < innerWidth && box.top < innerHeight;
        });
      const frame = () => { seen.frames.push(cardOnScreen()); requestAnimationFrame(frame); };
      requestAnimationFrame(frame);
      new MutationObserver(() => { if (document.querySelector('.skeleton')) seen.skeleton = true; })
        .observe(document, { childList: true, subtree: true });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) seen.shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    })();`);
      const asked: string[] = [];
      page.on('request', (request) => {
        // The list and the card: what the HTML brought (the view beacon, `/api/lives/:id/views`, is another matter).
        if (/^\/api\/lives(\/[^/]+)?$/.test(new URL(request.url()).pathname)) asked.push(request.url());
      });

      await page.goto(`${suite.stack.baseUrl}${path}`);
      await takenOver(page);
      await page.waitForTimeout(1500);
      const seen = await page.evaluate(
        () =>
          (window as unknown as { __firstScreen: { frames: boolean[]; skeleton: boolean; shift: number } })
            .__firstScreen,
      );
      const firstCard = seen.frames.indexOf(true);
      expect(firstCard).toBeGreaterThanOrEqual(0);
      expect(seen.frames.slice(firstCard).every(Boolean)).toBe(true);
      expect(seen.skeleton).toBe(false);
      expect(seen.shift).toBeLessThanOrEqual(0.02);
      expect(asked).toEqual([]);
    },
  );

  it('home: the first frame lays out the header and the first card; the next cards show one frame later, before the app', async () => {
    const page = await open('browser', { app: false });
    await page.addInitScript(`(() => {
      const frames = (window.__cardsPerFrame = []);
      const frame = () => {
        const cards = [...document.querySelectorAll('#first-screen .live-card')];
        frames.push(cards.filter((card) => card.getBoundingClientRect().height > 0).length);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    })();`);
    await page.goto(`${suite.stack.baseUrl}/`);
    await wholeFirstScreen(page);
    await page.waitForTimeout(200);
    const frames = await page.evaluate(() => (window as unknown as { __cardsPerFrame: number[] }).__cardsPerFrame);
    const shown = frames.filter((cards, i) => cards > 0 && cards !== frames[i - 1]);
    expect(shown).toEqual([1, 3]);
    await expect(page.locator('#first-screen .live-card').count()).resolves.toBe(3);
  });

  it('keeps where the viewer had scrolled the first screen when the app takes over', async () => {
    const page = await open('browser');
    // The app's code waits until the viewer has scrolled the drawn home page.
    let release!: () => void;
    const scrolled = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/js/app.*.js', async (route) => {
      await scrolled;
      await route.continue();
    });
    await page.goto(`${suite.stack.baseUrl}/`, { waitUntil: 'commit' });
    // Its stylesheet in, the drawn home is taller than the screen: the viewer scrolls it.
    await page.waitForFunction(() => {
      const screen = document.getElementById('first-screen');
      return screen !== null && screen.scrollHeight > screen.clientHeight + 200;
    });
    await page.evaluate(() => document.getElementById('first-screen')!.scrollTo(0, 200));
    await expect(page.evaluate(() => document.getElementById('first-screen')!.scrollTop)).resolves.toBe(200);
    release();
    await takenOver(page);
    await expect(page.evaluate(() => document.querySelector<HTMLElement>('.taro_page')!.scrollTop)).resolves.toBe(200);
  });

  it('shows a hostile theme as text before and after the app takes over, and runs nothing of it', async () => {
    const id = 'lvHostileThemeInChromium0000001';
    const theme = '</script><img src=x onerror=alert(1)>';
    suite.stack.sandbox.lives.upsert(id, { theme, description: '<b>not bold</b>', status: 0 } as never);
    const dialogs: string[] = [];

    const before = await open('browser', { app: false });
    before.on('dialog', (dialog) => dialogs.push(dialog.message()));
    await before.goto(`${suite.stack.baseUrl}${livePath(id)}`);
    await expect(before.locator('#first-screen .live-card__theme').textContent()).resolves.toBe(theme);
    await expect(before.title()).resolves.toBe(theme);

    const after = await open('browser');
    after.on('dialog', (dialog) => dialogs.push(dialog.message()));
    await after.goto(`${suite.stack.baseUrl}${livePath(id)}`);
    await takenOver(after);
    await expect(after.locator('.taro_page .live-card__theme').textContent()).resolves.toBe(theme);
    await expect(after.locator('.live-page__description').textContent()).resolves.toBe('<b>not bold</b>');

    for (const page of [before, after]) await expect(page.locator('img[src="x"], b').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
  });
});
