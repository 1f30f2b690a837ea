/**
 * The H5 viewer end to end: real headless Chromium, the real BFF serving the built app (`dist/h5`), the real sandbox
 * standing in for WeCom, all over loopback. Expectations come from the cards the BFF serves and `primaryAction()`,
 * so a test fails when the page and the API disagree, not when seed data moves.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toString as qrSvg } from 'qrcode';
import type { LiveCard, LiveStatus } from '../../shared/live-card';
import { primaryAction } from '../../shared/primary-action';
import { SANDBOX_DEFAULT_WX_USER, SANDBOX_LIVES } from '../../sandbox';
import { QR_OPTIONS } from '../../client/src/components/launch-button/qr-code';
import {
  artifactPath,
  H5_DIR,
  launchChromium,
  newPhoneContext,
  signInWechatH5,
  startBffStack,
  takeCspViolations,
  wechatStandIn,
  withoutFirstScreen,
  type BffStack,
  type FireOpenTagEvent,
  type PhoneEnv,
  type WechatStandInLog,
  type WechatStandInOptions,
  copiedTexts,
  recordCopies,
} from './support';

/** The status badge every card's cover carries (the product's words, written down here independently). */
const BADGE: Record<LiveStatus, string> = {
  reserved: '预约中',
  living: '直播中',
  ended: '已结束',
  expired: '已过期',
  cancelled: '已取消',
};

/** What an enabled action reads in WeCom's browser, where no open tag can work. */
const OUTSIDE_WECHAT_LABEL = '请在微信中打开';
/** Original id of WeCom's live mini program: the open tag's `username`. */
const WECOM_LIVE_USERNAME = 'gh_25e071b83ee0';

/** How long a change in WeCom may take to show: one fast client poll (5 s) plus the BFF's card period and slack. */
const CHANGE_SHOWS_WITHIN_MS = 12_000;

const CARD = '.live-card:not(.skeleton)';

// jest ignores a project's `testTimeout` (jest-circus reads only the global one), so the file sets its own.
jest.setTimeout(30_000);

let stack: BffStack;
let browser: Browser;
let contexts: BrowserContext[] = [];
let pageErrors: Error[] = [];
/**
 * How far the BFF's and the sandbox's clock run ahead of real time. Only ever moved forward, together with the
 * browser's (`page.clock`), by a test that needs minutes to pass.
 */
let clockAheadMs = 0;

beforeAll(async () => {
  stack = await startBffStack({ cards: { freshMs: 300 }, now: () => Date.now() + clockAheadMs });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

afterEach(async () => {
  stack?.sandbox.faults.clear();
  // Before the contexts close: what their open documents hold is read too.
  const violations = await takeCspViolations();
  await Promise.all(contexts.map((c) => c.close()));
  contexts = [];
  const errors = pageErrors;
  pageErrors = [];
  expect(errors).toEqual([]);
  expect(violations).toEqual([]);
});

interface PhoneOptions {
  /** WeChat only: sign in (silent OAuth through the sandbox) before the test's own navigation. Default true. */
  signedIn?: boolean;
  /** The sandbox's WeChat user (its `sandbox_wx_user` cookie): a user of its own keeps a test's codes apart. */
  wechatUser?: string;
  /** How the WeChat stand-in answers. */
  wx?: WechatStandInOptions;
}

/**
 * A page in a fresh phone context; uncaught page errors fail the test. In WeChat (`wechat`, `wechatIos`) the page
 * gets the stand-ins for WeChat's JS-SDK and open tag, and is signed in first unless `signedIn: false`, so the
 * test's page does not leave for the sign-in halfway.
 */
async function openPhone(env: PhoneEnv = 'browser', options: PhoneOptions = {}): Promise<Page> {
  const { signedIn = true, wechatUser = SANDBOX_DEFAULT_WX_USER, wx } = options;
  const context = await newPhoneContext(browser, env);
  contexts.push(context);
  const page = await context.newPage();
  // Below the test timeout, so a missing element fails with Playwright's message naming the selector.
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error));
  if (env === 'miniProgramWebView') await context.addInitScript(wechatStandIn(wx));
  if (env === 'wechat' || env === 'wechatIos') {
    await context.addInitScript(wechatStandIn(wx));
    // Cookies are per host, not per port: the sandbox's authorize page on 127.0.0.1 sees it.
    await context.addCookies([{ name: 'sandbox_wx_user', value: wechatUser, domain: '127.0.0.1', path: '/' }]);
    if (signedIn) await signInWechatH5(page, stack.baseUrl);
  }
  return page;
}

const standInLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { __wxStandIn: WechatStandInLog }).__wxStandIn);

/** Has WeChat (the stand-in) fire `type` on the page's open tags. */
const fireOpenTagEvent = (page: Page, type: Parameters<FireOpenTagEvent>[0], detail: unknown) =>
  page.evaluate(([t, d]) => (window as unknown as { __fireOpenTagEvent: FireOpenTagEvent }).__fireOpenTagEvent(t, d), [
    type,
    detail,
  ] as const);

/** The open tag's living code, decoded from its `path`, and whether the path asks for the replay. */
async function tagCode(page: Page) {
  const tag = page.locator('wx-open-launch-weapp');
  await tag.waitFor({ state: 'attached' });
  const [username, path] = await Promise.all([tag.getAttribute('username'), tag.getAttribute('path')]);
  const match = /^pages\/watch\/index\?living_code=([^&]+)(&replay=1)?$/.exec(path ?? '');
  expect(match).not.toBeNull();
  return { username, path, code: decodeURIComponent(match![1]!), replay: match![2] !== undefined };
}

/** sha1 of WeChat's JS-SDK signature string, keys in ASCII order, as WeChat's JS-SDK documents it. */
const jssdkSignature = (ticket: string, nonceStr: string, timestamp: number, url: string) =>
  createHash('sha1')
    .update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`)
    .digest('hex');

/** Whether `config` (as passed to wx.config) carries a signature for `url` made with a ticket the sandbox issued. */
function signedFor(config: Record<string, unknown>, url: string): boolean {
  return stack.sandbox.mp
    .issuedTickets()
    .some(
      (ticket) => jssdkSignature(ticket, String(config.nonceStr), Number(config.timestamp), url) === config.signature,
    );
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${stack.baseUrl}${path}`);
  if (!res.ok) throw new Error(`GET ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const livePath = (id: string, replay = false) =>
  `/pages/live/index?id=${encodeURIComponent(id)}${replay ? '&replay=1' : ''}`;

/** What one rendered card says, read from the DOM. */
interface ShownCard {
  theme: string | undefined;
  badge: string | undefined;
  badgeClass: string | undefined;
  replayBadge: string | null;
  action: string | undefined;
  disabled: boolean;
  stale: boolean;
}

function readCards(page: Page, scope: string): Promise<ShownCard[]> {
  return page.$$eval(`${scope} ${CARD}`, (cards) =>
    cards.map((card) => {
      const badge = card.querySelector('.live-badge:not(.live-badge--replay)');
      const button = card.querySelector('.action__button');
      return {
        theme: card.querySelector('.live-card__theme')?.textContent ?? undefined,
        badge: badge?.textContent ?? undefined,
        badgeClass: badge?.className,
        replayBadge: card.querySelector('.live-badge--replay')?.textContent ?? null,
        action: button?.textContent ?? undefined,
        disabled: button?.classList.contains('action__button--disabled') ?? false,
        stale: card.querySelector('.live-card__stale') !== null,
      };
    }),
  );
}

async function readLivePage(page: Page) {
  await page.locator(`.live-page ${CARD}`).waitFor();
  const [card] = await readCards(page, '.live-page');
  const description = await page.locator('.live-page__description').textContent();
  return { ...card!, description };
}

/** Marks the document and records main-frame navigations, so a test can prove the page changed in place. */
async function watchForNavigation(page: Page) {
  await page.evaluate(() => Object.assign(window, { __e2eSameDocument: true }));
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  return {
    navigations,
    sameDocument: () => page.evaluate(() => (window as { __e2eSameDocument?: boolean }).__e2eSameDocument === true),
  };
}

/**
 * The page scrolls inside Taro's page container, not the document, so `fullPage` would still stop at the viewport:
 * the viewport is stretched to the content for one screenshot instead (the width, and so the rem size, stays).
 */
async function screenshotWholePage(page: Page, content: string, path: string) {
  const viewport = page.viewportSize()!;
  const height = await page.locator(content).evaluate((element) => Math.ceil(element.scrollHeight));
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

describe('H5 viewer in Chromium', () => {
  it('home shows a card for every showcase live, in the BFF order, with its badge and action', async () => {
    const { lives } = await api<{ lives: LiveCard[] }>('/api/lives');
    expect(lives.map((l) => l.livingId)).toEqual(expect.arrayContaining(Object.values(SANDBOX_LIVES)));
    expect(new Set(lives.map((l) => l.status))).toEqual(new Set(Object.keys(BADGE)));

    const page = await openPhone();
    await page.goto(`${stack.baseUrl}/`);
    await page.locator('.home').getByText('精选直播').waitFor();
    await page
      .locator(`.home ${CARD}`)
      .nth(lives.length - 1)
      .waitFor();
    const shown = await readCards(page, '.home');

    expect(shown).toEqual(
      lives.map((live) => {
        const action = primaryAction(live);
        return {
          theme: live.theme,
          badge: BADGE[live.status],
          badgeClass: `live-badge live-badge--${live.status}`,
          replayBadge: live.status === 'ended' && live.replay === 'ready' ? '可回放' : null,
          action: action.label,
          disabled: !action.enabled,
          stale: false,
        };
      }),
    );
    await page.screenshot({ path: artifactPath('home.png') });
    await screenshotWholePage(page, '.home', artifactPath('home-full.png'));
  });

  it('a live page opens cold from a deep link, and survives a reload', async () => {
    const id = SANDBOX_LIVES.living;
    const live = await api<LiveCard>(`/api/lives/${id}`);
    const page = await openPhone();
    await page.goto(`${stack.baseUrl}${livePath(id)}`);

    const expected = {
      theme: live.theme,
      description: live.description,
      badge: BADGE.living,
      stale: false,
    };
    expect(await readLivePage(page)).toMatchObject(expected);
    // In a phone browser outside WeChat the action goes to a WeChat URL Link (h5-url-link.test.ts).
    await page.locator('.live-page').getByRole('button', { name: '打开微信观看' }).waitFor();
    await page.waitForFunction((theme) => document.title === theme, live.theme, { timeout: 5000 });
    await page.screenshot({ path: artifactPath('live.png') });

    await page.reload();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(livePath(id));
    expect(await readLivePage(page)).toMatchObject(expected);
  });

  it('in WeChat, every showcase deep link shows the badge and the primary action of its card', async () => {
    const targets = [
      ...Object.values(SANDBOX_LIVES).map((id) => ({ id, replay: false })),
      { id: SANDBOX_LIVES.endedReplayReady, replay: true },
      { id: SANDBOX_LIVES.living, replay: true },
    ];
    const page = await openPhone('wechat');
    for (const { id, replay } of targets) {
      const live = await api<LiveCard>(`/api/lives/${id}`);
      await page.goto(`${stack.baseUrl}${livePath(id, replay)}`);
      const shown = await readLivePage(page);
      expect({ id, replay, theme: shown.theme, badge: shown.badge, action: shown.action }).toEqual({
        id,
        replay,
        theme: live.theme,
        badge: BADGE[live.status],
        action: primaryAction(live, replay).label,
      });
    }
  });

  it('an unknown or malformed live id shows the not-found state', async () => {
    const page = await openPhone();
    for (const path of [livePath('lvE2eNoSuchLive0000'), '/pages/live/index?id=not%20an%20id!', '/pages/live/index']) {
      await page.goto(`${stack.baseUrl}${path}`);
      await page.locator('.state-view--not-found').waitFor();
      await expect(page.locator('.state-view__title').textContent()).resolves.toBe('直播不存在');
      expect(await page.locator(`.live-page ${CARD}`).count()).toBe(0);
    }
  });

  it('a cold entry whose HTML came without its first screen asks for its data before the page’s code is loaded, and only once', async () => {
    const html = readFileSync(join(H5_DIR, 'index.html'), 'utf8');
    const entryScripts = new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]));
    const id = SANDBOX_LIVES.living;
    for (const { path, apiPath, scope } of [
      { path: '/', apiPath: '/api/lives', scope: '.home' },
      { path: livePath(id), apiPath: `/api/lives/${id}`, scope: '.live-page' },
    ]) {
      const page = await openPhone();
      await withoutFirstScreen(page);
      const requested: string[] = [];
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      await page.goto(`${stack.baseUrl}${path}`);
      await page.locator(`${scope} ${CARD}`).first().waitFor();

      // The page's own chunk is the first script index.html does not load itself.
      const pageChunk = requested.findIndex((p) => /^\/js\/.+\.js$/.test(p) && !entryScripts.has(p));
      expect(pageChunk).toBeGreaterThan(-1);
      expect({ path, asked: requested.filter((p) => p === apiPath).length }).toEqual({ path, asked: 1 });
      expect(requested.indexOf(apiPath)).toBeLessThan(pageChunk);
    }
  });

  it('a live that starts while its page is open changes badge and action in place', async () => {
    const id = 'lvE2eGoesLiveWhileOpen01';
    stack.sandbox.lives.upsert(id, {
      theme: '端到端：即将开播',
      description: '两分钟后开播的测试直播，页面打开时开始。',
      anchor_userid: 'e2e-anchor',
      status: 0,
      reserve_start: Math.floor(Date.now() / 1000) + 120,
    });
    const page = await openPhone('wechat');
    await page.goto(`${stack.baseUrl}${livePath(id)}`);
    expect(await readLivePage(page)).toMatchObject({ badge: BADGE.reserved, action: '进入直播间' });
    const watch = await watchForNavigation(page);

    stack.sandbox.lives.setStatus(id, 1);
    await page.locator('.live-page .live-badge--living').waitFor({ timeout: CHANGE_SHOWS_WITHIN_MS });

    expect(await readLivePage(page)).toMatchObject({ badge: BADGE.living, action: '进入直播' });
    expect(await page.locator('.live-card__countdown').count()).toBe(0);
    expect(watch.navigations).toEqual([]);
    await expect(watch.sameDocument()).resolves.toBe(true);
  });

  it('stops polling while the tab is hidden, and asks again as soon as it is shown', async () => {
    const id = SANDBOX_LIVES.living;
    const page = await openPhone('browser');
    const cardRequests: number[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === `/api/lives/${id}`) cardRequests.push(Date.now());
    });
    await page.goto(`${stack.baseUrl}${livePath(id)}`);
    await readLivePage(page);
    // Headless Chromium's tabs are always in front: the page is told what a browser says when its tab goes back.
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => (h ? 'hidden' : 'visible'),
        });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);

    await setHidden(true);
    const hiddenAt = Date.now();
    // A live that is on is polled every 5 s while visible: 7 s hidden would have seen at least one poll.
    await page.waitForTimeout(7_000);
    expect(cardRequests.filter((t) => t > hiddenAt)).toEqual([]);

    const shownAt = Date.now();
    await setHidden(false);
    await page.waitForRequest((req) => new URL(req.url()).pathname === `/api/lives/${id}`, { timeout: 2_000 });
    expect(cardRequests.filter((t) => t >= shownAt).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps showing the live (marked stale) while WeCom is down, also after a reload', async () => {
    const id = SANDBOX_LIVES.living;
    const live = await api<LiveCard>(`/api/lives/${id}`);
    const page = await openPhone('wechat');
    await page.goto(`${stack.baseUrl}${livePath(id)}`);
    await readLivePage(page);
    const watch = await watchForNavigation(page);

    stack.sandbox.faults.down();
    await page.locator('.live-page .live-card__stale').waitFor({ timeout: CHANGE_SHOWS_WITHIN_MS });
    const expected = { theme: live.theme, badge: BADGE.living, action: primaryAction(live).label, stale: true };
    expect(await readLivePage(page)).toMatchObject(expected);
    expect(await page.locator('.state-view').count()).toBe(0);
    expect(watch.navigations).toEqual([]);

    await page.reload();
    expect(await readLivePage(page)).toMatchObject(expected);
  });
});

describe('H5 opening WeCom’s live mini program', () => {
  const replayId = SANDBOX_LIVES.endedReplayReady;

  it('in WeChat, a cold replay short link signs in through WeChat, lands on the clean page, and shows the open tag with a fresh code', async () => {
    const live = await api<LiveCard>(`/api/lives/${replayId}`);
    const page = await openPhone('wechat', { signedIn: false, wechatUser: 'e2eColdReplay' });
    // Every document the tab asked for, redirects included.
    const navigations: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations.push(request.url());
    });

    // `commit`: the page leaves for the sign-in by itself, which would interrupt waiting for its load.
    await page.goto(`${stack.baseUrl}/live/${replayId}?replay=1`, { waitUntil: 'commit' });
    const tag = await tagCode(page);

    // Through WeChat's (the sandbox's) authorize page and the BFF's callback, back to the page, without code/state
    // (and without the `#wechat_redirect` the browser carries over from the authorize URL).
    const pageUrl = `${stack.baseUrl}${livePath(replayId, true)}`;
    expect(page.url()).toBe(pageUrl);
    const hops = navigations.map((url) => new URL(url).pathname);
    expect(hops).toEqual([
      `/live/${replayId}`,
      '/pages/live/index',
      '/api/session/h5',
      '/connect/oauth2/authorize',
      '/api/session/h5/callback',
      '/pages/live/index',
    ]);
    const session = (await page.context().cookies()).find((c) => c.name === 'wlv_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    // wx.config got the service account, the open tag, and a signature WeChat would accept for this URL.
    const { configs, shares } = await standInLog(page);
    expect(configs).toHaveLength(1);
    const [config] = configs;
    expect(config).toMatchObject({
      appId: stack.sandbox.credentials.mpAppId,
      debug: false,
      openTagList: ['wx-open-launch-weapp'],
      jsApiList: expect.arrayContaining(['updateAppMessageShareData', 'updateTimelineShareData']),
      pageUrl,
    });
    expect(signedFor(config!, pageUrl)).toBe(true);

    // The tag opens WeCom's live mini program with this viewer's code, for the replay.
    expect(tag.username).toBe(WECOM_LIVE_USERNAME);
    expect(tag.replay).toBe(true);
    const issued = stack.sandbox.livingCodes.lookup(tag.code);
    expect(issued).toMatchObject({
      livingId: replayId,
      openid: stack.sandbox.oauth.openidForUser('e2eColdReplay'),
    });
    expect(issued!.expiresAt).toBeGreaterThan(Date.now() + clockAheadMs);
    expect(await page.locator('.live-page .action__button').textContent()).toBe('观看回放');

    // Shares carry the card: theme, description, the short link and the icon the BFF serves.
    const link = `${stack.baseUrl}/live/${replayId}?replay=1`;
    const imgUrl = `${stack.baseUrl}/share-icon.png`;
    expect(shares).toEqual([
      { kind: 'appMessage', title: live.theme, desc: expect.any(String), link, imgUrl },
      { kind: 'timeline', title: live.theme, link, imgUrl },
    ]);
    const icon = await fetch(imgUrl);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/png');

    await page.screenshot({ path: artifactPath('wechat-replay-open-tag.png') });
  });

  it('in WeChat, a sign-in that does not stick ends on an error with a retry, never in a redirect loop', async () => {
    const page = await openPhone('wechat', { signedIn: false, wechatUser: 'e2eNoLoop' });
    // As with cookies blocked: the session never reaches the BFF, every code request answers 401.
    await page.route('**/api/lives/*/code', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'SESSION_INVALID', message: 'Invalid session' } }),
      }),
    );
    const signIns: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && new URL(request.url()).pathname === '/api/session/h5') {
        signIns.push(request.url());
      }
    });
    const pageUrl = `${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`;

    await page.goto(pageUrl, { waitUntil: 'commit' });
    await page.getByText('登录没有成功，请重试').waitFor();
    expect(signIns).toEqual([
      `${stack.baseUrl}/api/session/h5?returnTo=${encodeURIComponent(livePath(SANDBOX_LIVES.living))}`,
    ]);
    expect(page.url()).toBe(pageUrl);
    expect(await page.locator('wx-open-launch-weapp').count()).toBe(0);
    await page.screenshot({ path: artifactPath('wechat-sign-in-failed.png') });

    // The viewer's retry goes through WeChat again, once, and ends on the same error.
    await page.locator('.live-page .action__link', { hasText: '重试' }).click();
    await page.waitForURL(pageUrl);
    await page.getByText('登录没有成功，请重试').waitFor();
    expect(signIns).toHaveLength(2);
  });

  it('in WeChat, keeps the open tag holding a valid code: near expiry it gets a new one, without reloading', async () => {
    const page = await openPhone('wechat', { wechatUser: 'e2eCodeRefresh' });
    await page.clock.install();
    await page.goto(`${stack.baseUrl}${livePath(replayId, true)}`);
    const first = await tagCode(page);
    const firstIssued = stack.sandbox.livingCodes.lookup(first.code)!;
    expect(firstIssued.livingId).toBe(replayId);
    await page.evaluate(() => Object.assign(window, { __e2eSameDocument: true }));

    // The code is renewed a minute before its five minutes run out, i.e. four minutes after it arrived. Move the
    // BFF and the sandbox past that at once (from then on the BFF hands out a new code), the page in two steps.
    const refreshAtMs = 4 * 60_000;
    clockAheadMs += refreshAtMs + 5_000;
    await page.clock.fastForward(refreshAtMs - 10_000);
    await page.waitForTimeout(500);
    expect((await tagCode(page)).code).toBe(first.code);
    await page.clock.fastForward(15_000);
    await page.waitForFunction(
      (path) => document.querySelector('wx-open-launch-weapp')?.getAttribute('path') !== path,
      first.path,
    );
    const second = await tagCode(page);

    expect(second.code).not.toBe(first.code);
    expect(second.replay).toBe(true);
    const secondIssued = stack.sandbox.livingCodes.lookup(second.code)!;
    expect(secondIssued).toMatchObject({ livingId: replayId, openid: firstIssued.openid });
    expect(secondIssued.issuedAt).toBeGreaterThanOrEqual(firstIssued.issuedAt + refreshAtMs);
    expect(secondIssued.expiresAt).toBeGreaterThan(Date.now() + clockAheadMs);
    await expect(
      page.evaluate(() => (window as { __e2eSameDocument?: boolean }).__e2eSameDocument === true),
    ).resolves.toBe(true);
  });

  it('in WeChat, WeixinOpenTagsError (open tags unusable on this page) replaces the tag with the way out', async () => {
    const page = await openPhone('wechat', { wechatUser: 'e2eTagsError' });
    await page.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    await tagCode(page);

    await page.evaluate(() =>
      document.dispatchEvent(new CustomEvent('WeixinOpenTagsError', { detail: { errMsg: 'not supported' } })),
    );
    await page.getByText('当前微信版本不能从网页打开直播，请升级微信后再试').waitFor();
    expect(await page.locator('wx-open-launch-weapp').count()).toBe(0);
    expect(await page.locator('.live-page .action__button--disabled').count()).toBe(1);
    await page.locator('.live-page .action__link', { hasText: '复制链接' }).waitFor();
    await page.screenshot({ path: artifactPath('wechat-open-tags-error.png') });
  });

  it('in WeChat, the open tag covers the whole button, and a failed launch it reports shows until the next launch', async () => {
    const page = await openPhone('wechat', { wechatUser: 'e2eTagEvents' });
    await page.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    await tagCode(page);
    const tagBox = await page.locator('.live-page wx-open-launch-weapp').boundingBox();
    const buttonBox = await page.locator('.live-page .action__button').boundingBox();
    expect(buttonBox!.width).toBeGreaterThan(100);
    // Every point of the visible button is a point of the tag: a tap anywhere on it reaches WeChat.
    expect(tagBox!.x).toBeLessThanOrEqual(buttonBox!.x);
    expect(tagBox!.y).toBeLessThanOrEqual(buttonBox!.y);
    expect(tagBox!.x + tagBox!.width).toBeGreaterThanOrEqual(buttonBox!.x + buttonBox!.width);
    expect(tagBox!.y + tagBox!.height).toBeGreaterThanOrEqual(buttonBox!.y + buttonBox!.height);
    const center = { x: buttonBox!.x + buttonBox!.width / 2, y: buttonBox!.y + buttonBox!.height / 2 };
    expect(
      await page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.closest('wx-open-launch-weapp') !== null,
        center,
      ),
    ).toBe(true);

    const failure = page.locator('.live-page .action__hint', { hasText: '没能打开直播，请重试' });
    await fireOpenTagEvent(page, 'error', { errMsg: 'launch:fail' });
    await failure.waitFor();
    await page.screenshot({ path: artifactPath('wechat-launch-failed.png') });
    await fireOpenTagEvent(page, 'launch', {});
    await failure.waitFor({ state: 'detached' });
    // Some clients send an empty detail on failure.
    await fireOpenTagEvent(page, 'error', {});
    await failure.waitFor();
  });

  it('in WeChat, a refused JS-SDK config (wx.error) shows the way out and no tag', async () => {
    const page = await openPhone('wechat', { wechatUser: 'e2eConfigRefused', wx: { refuseConfig: true } });
    await page.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    await page.getByText('微信暂时无法从网页打开直播，请刷新后再试').waitFor();
    expect(await page.locator('wx-open-launch-weapp').count()).toBe(0);
    expect((await standInLog(page)).configs).toHaveLength(1);
  });

  it('in WeChat on iOS, signs the URL the page landed on, also after moving to a live page inside the app', async () => {
    const page = await openPhone('wechatIos', { wechatUser: 'e2eIos' });
    const landing = `${stack.baseUrl}/`;
    await page.goto(landing);
    await page.locator(`.home ${CARD}`).first().waitFor();
    const { lives } = await api<{ lives: LiveCard[] }>('/api/lives');
    const index = lives.findIndex((l) => l.livingId === SANDBOX_LIVES.living);
    await page.locator(`.home ${CARD}`).nth(index).click();
    await page.waitForURL((url) => url.pathname === '/pages/live/index');
    await tagCode(page);

    const { configs } = await standInLog(page);
    expect(configs).toHaveLength(1);
    expect(configs[0]!.pageUrl).toContain('/pages/live/index?id=');
    expect(signedFor(configs[0]!, landing)).toBe(true);
  });

  it('on a desktop browser, the action is a QR code of the short link, with a copy-link button and one line of guidance', async () => {
    const id = SANDBOX_LIVES.living;
    const live = await api<LiveCard>(`/api/lives/${id}`);
    const page = await openPhone('desktop');
    const sessionRequests: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/session/') || req.url().includes('/code')) sessionRequests.push(req.url());
    });
    await page.goto(`${stack.baseUrl}${livePath(id)}`);
    expect(await readLivePage(page)).toMatchObject({ theme: live.theme, badge: BADGE.living });

    const link = `${stack.baseUrl}/live/${id}`;
    const qr = page.locator('.live-page .web-launch__qr-image');
    await qr.waitFor();
    expect(await qr.getAttribute('alt')).toBe(`直播二维码：${link}`);
    // The same QR code qrcode draws for the link in Node: it holds exactly the short link.
    expect(await qr.getAttribute('src')).toBe(
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(await qrSvg(link, QR_OPTIONS))}`,
    );
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
    expect(await page.locator('.web-launch__title').textContent()).toBe(`用微信扫码${primaryAction(live).label}`);
    expect(await page.locator('.web-launch__hint').textContent()).toBe('也可复制链接，发到微信里打开');

    await recordCopies(page);
    await page.locator('.web-launch__copy').click();
    await page.getByText('链接已复制').waitFor();
    expect(await copiedTexts(page)).toEqual([link]);
    expect(sessionRequests).toEqual([]);
    await page.screenshot({ path: artifactPath('desktop-qr.png') });
  });

  it('in a mini program’s web-view, the button opens the live page of that mini program, with no sign-in and no open tag', async () => {
    const page = await openPhone('miniProgramWebView');
    const signInRequests: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/session/') || req.url().includes('/code') || req.url().includes('/api/jssdk/'))
        signInRequests.push(req.url());
    });
    await page.goto(`${stack.baseUrl}/live/${replayId}?replay=1`);
    expect(await readLivePage(page)).toMatchObject({ action: '观看回放', disabled: false });
    await page.locator('.live-page .action__button').click();
    await page.waitForFunction(
      () => (window as unknown as { __wxStandIn: WechatStandInLog }).__wxStandIn.miniProgramNavigations.length > 0,
    );
    expect((await standInLog(page)).miniProgramNavigations).toEqual([livePath(replayId, true)]);
    expect(await page.locator('wx-open-launch-weapp').count()).toBe(0);
    expect(signInRequests).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/pages/live/index');
  });

  it('in a web-view of a mini program without our live page, says so and offers the link', async () => {
    const page = await openPhone('miniProgramWebView', { wx: { refuseNavigation: true } });
    await page.goto(`${stack.baseUrl}${livePath(SANDBOX_LIVES.living)}`);
    await page.locator('.live-page .action__button', { hasText: '进入直播' }).click();
    await page.getByText('这里不能直接打开直播，请复制链接到微信打开').waitFor();
    await page.locator('.live-page .action__link', { hasText: '复制链接' }).click();
    await page.getByText('链接已复制').waitFor();
    await page.screenshot({ path: artifactPath('web-view-fallback.png') });
  });

  it('in WeCom’s browser, says to open the live in WeChat, with a copy-link action', async () => {
    const id = SANDBOX_LIVES.living;
    const page = await openPhone('wxwork');
    await page.goto(`${stack.baseUrl}${livePath(id)}`);
    expect(await readLivePage(page)).toMatchObject({ action: OUTSIDE_WECHAT_LABEL, disabled: true });
    await page.getByText('企业微信里不能直接打开，请复制链接到微信打开').waitFor();
    await recordCopies(page);
    await page.locator('.live-page .action__link', { hasText: '复制链接' }).click();
    await page.getByText('链接已复制').waitFor();
    expect(await copiedTexts(page)).toEqual([`${stack.baseUrl}/live/${id}`]);
    expect(await page.locator('wx-open-launch-weapp').count()).toBe(0);
    await page.screenshot({ path: artifactPath('wecom-guidance.png') });
  });
});
