/**
 * The H5 pages arrive with their first screen (issue 19): home and a live page carry the card(s) drawn as HTML, the
 * data the API would have answered in a `<script type="application/json">`, the live's title and link preview; from
 * the same cache as the API, `no-cache` with an ETag; everything from WeCom escaped; and a page the API would refuse
 * comes as the plain shell, without spending more of WeCom than the API would.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { SANDBOX_LIVES } from '../../../sandbox';
import { createApp } from '../../../server/app';
import { APP_START_PATH, APP_START_SCRIPT } from '../../../server/http/h5-page/app-start';
import { FIRST_SCREEN_DATA_ID, type FirstScreenData } from '../../../shared/first-screen';
import type { LiveCard } from '../../../shared/live-card';
import { USER_AGENTS } from '../../e2e/support/phone-browser';
import { startHarness, type Harness } from '../harness';

/** Taro's shell, in the shape the build writes it: one inline script, the entry scripts, app.css, an empty #app. */
const SHELL =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"/><title>直播</title>' +
  '<script>!function(){document.documentElement.style.fontSize="20px"}()</script>' +
  '<script defer="defer" src="/js/app.1b56229d.js"></script><link href="/css/app.57e3a6f2.css" rel="stylesheet">' +
  '</head><body><div id="app" role="main"></div></body></html>';
const HOME_CSS = '/css/187.7fdc8c40.css';
const LIVE_CSS = '/css/247.c75c6192.css';

const INFO = 'living/get_living_info';
const HOSTILE_THEME = '</script><img src=x onerror=alert(1)>';
const HOSTILE_DESCRIPTION = 'a <b>bold</b> & "quoted" line\u2028<!-- and a comment -->';

/** The data script's text, parsed; `undefined` when the page has none. */
function firstScreenData(html: string): FirstScreenData | undefined {
  const match = new RegExp(`<script type="application/json" id="${FIRST_SCREEN_DATA_ID}">([\\s\\S]*?)</script>`).exec(
    html,
  );
  return match ? (JSON.parse(match[1]!) as FirstScreenData) : undefined;
}

const firstScreenMarkup = (html: string) =>
  /<div id="first-screen" tabindex="0">([\s\S]*?)<\/div><script/.exec(html)?.[1];

describe('H5 pages with their first screen', () => {
  let h: Harness;
  let dir: string;
  let http: ReturnType<typeof supertest>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'h5-pages-'));
    mkdirSync(join(dir, 'css'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), SHELL);
    writeFileSync(join(dir, 'share-icon.png'), 'png');
    writeFileSync(join(dir, 'css/app.57e3a6f2.css'), '.page{margin:0 auto}');
    writeFileSync(join(dir, HOME_CSS), '.home__title{display:block}.live-card{overflow:hidden}');
    writeFileSync(join(dir, LIVE_CSS), '.live-page__section{margin-top:1rem}.live-card{overflow:hidden}');
    h = await startHarness({
      logLevel: 'info',
      config: { liveIds: [SANDBOX_LIVES.living, SANDBOX_LIVES.reservedSoon, SANDBOX_LIVES.endedReplayReady] },
    });
    http = supertest(createApp({ ...h.services, h5Dir: dir, viewerTimeZone: 'Asia/Shanghai' }).callback());
  });

  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => h.sandbox.faults.clear());

  it('home arrives with its header, its first cards and the list the API answers, its stylesheets inlined', async () => {
    const res = await http.get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.vary).toMatch(/User-Agent/);
    const api = await http.get('/api/lives').expect(200);
    expect(firstScreenData(res.text)).toEqual({ page: 'home', lives: api.body.lives });
    expect(res.text).toContain('<title>精选直播</title>');
    // Inlined, named for the app's chunk loader, which then does not fetch them again.
    expect(res.text).toContain(`<style data-href="${HOME_CSS}">.home__title{display:block}`);
    expect(res.text).toContain('<style data-href="/css/app.57e3a6f2.css">.page{margin:0 auto}</style>');
    expect(res.text).not.toContain('rel="stylesheet"');
    const markup = firstScreenMarkup(res.text)!;
    expect(markup).toContain('<span class="taro-text home__title">精选直播</span>');
    for (const live of (api.body.lives as LiveCard[]).slice(0, 3)) expect(markup).toContain(live.theme);
    // The first card in the first frame; the others shown by the app-start script once it is painted.
    const cards = [...markup.matchAll(/<div class="live-card live-card--compact"([^>]*)>/g)].map(([, attrs]) => attrs);
    expect(cards).toEqual(['', ' hidden data-after-first-paint', ' hidden data-after-first-paint']);
    // The markup and the data sit beside #app, which the app still owns.
    expect(res.text).toContain('<div id="app" role="main"></div><div id="first-screen" tabindex="0">');
  });

  it('a live page arrives with its card, the card the API answers and its ETag, and the live in title and preview', async () => {
    const res = await http.get(`/pages/live/index?id=${SANDBOX_LIVES.living}`).expect(200);
    const api = await http.get(`/api/lives/${SANDBOX_LIVES.living}`).expect(200);
    const data = firstScreenData(res.text);
    expect(data).toEqual({ page: 'live', live: api.body, etag: api.headers.etag });
    const theme = (api.body as LiveCard).theme;
    expect(res.text).toContain(`<title>${theme}</title>`);
    expect(res.text).toContain(`<meta property="og:title" content="${theme}"/>`);
    expect(res.text).toContain(`<meta property="og:url" content="http://live.test/live/${SANDBOX_LIVES.living}"/>`);
    expect(res.text).toContain('<meta property="og:image" content="http://live.test/share-icon.png"/>');
    expect(res.text).toContain(`<style data-href="${LIVE_CSS}">.live-page__section{margin-top:1rem}`);
    const markup = firstScreenMarkup(res.text)!;
    expect(markup).toContain('<span class="taro-text live-card__theme">');
    expect(markup).toContain('直播中');
    expect(markup).toContain('<span class="taro-text live-page__section-title">直播简介</span>');
  });

  it('starts the app after the first paint: its entries added by the app-start script, not preloaded during the parse', async () => {
    const res = await http.get('/').expect(200);
    expect(res.text).not.toContain('<script defer="defer" src="/js/app.1b56229d.js">');
    expect(res.text).not.toContain('rel="preload"');
    expect(res.text).toContain(`<script defer src="${APP_START_PATH}" data-entries="/js/app.1b56229d.js"></script>`);
    const script = await http.get(APP_START_PATH).expect(200);
    expect(script.headers['content-type']).toMatch(/^application\/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.text).toBe(APP_START_SCRIPT);
    // The plain shell keeps the build's own tags.
    expect((await http.get('/pages/other/index').expect(200)).text).toContain(
      '<script defer="defer" src="/js/app.1b56229d.js">',
    );
  });

  it('offers the action the way the app will where the page runs: 打开微信观看 in a phone browser, a QR frame on a desktop, a button in WeChat', async () => {
    const path = `/pages/live/index?id=${SANDBOX_LIVES.living}`;
    for (const phone of [USER_AGENTS.browser, USER_AGENTS.iphone]) {
      const browser = await http.get(path).set('User-Agent', phone).expect(200);
      expect(firstScreenMarkup(browser.text)).toContain(
        '<div class="action__button taro-button-core">打开微信观看</div></div><div class="action__footer">' +
          '<span class="taro-text action__hint action__hint--muted">在微信小程序里进入直播</span>' +
          '<span class="taro-text action__link">复制链接</span></div>',
      );
      expect(firstScreenMarkup(browser.text)).not.toContain('web-launch');
    }
    const desktop = await http.get(path).set('User-Agent', USER_AGENTS.desktop).expect(200);
    expect(firstScreenMarkup(desktop.text)).toContain('用微信扫码进入直播');
    const wechat = await http.get(path).set('User-Agent', USER_AGENTS.wechat).expect(200);
    expect(firstScreenMarkup(wechat.text)).toContain('<div class="action__button taro-button-core">进入直播</div>');
    const wxwork = await http.get(path).set('User-Agent', USER_AGENTS.wxwork).expect(200);
    expect(firstScreenMarkup(wxwork.text)).toContain('请在微信中打开');
  });

  it('draws the replay when the link asks for it (`&replay=1`)', async () => {
    const res = await http
      .get(`/pages/live/index?id=${SANDBOX_LIVES.endedReplayReady}&replay=1`)
      .set('User-Agent', USER_AGENTS.wechat)
      .expect(200);
    expect(firstScreenMarkup(res.text)).toContain('>观看回放</div>');
    expect(res.text).toContain(`content="http://live.test/live/${SANDBOX_LIVES.endedReplayReady}?replay=1"`);
  });

  it('answers a reload of an unchanged page with 304, and a changed one in full', async () => {
    const path = `/pages/live/index?id=${SANDBOX_LIVES.endedReplayReady}`;
    const first = await http.get(path).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    await http.get(path).set('If-None-Match', etag).expect(304);
    // Another wording of the page (another user agent) is another document.
    const wechat = await http.get(path).set('User-Agent', USER_AGENTS.wechat).expect(200);
    expect(wechat.headers.etag).not.toBe(etag);
  });

  it('escapes everything WeCom says: a hostile theme is text in the title, the card and the data, and runs nothing', async () => {
    const id = 'lvHostileTheme000000000000000001';
    h.sandbox.lives.upsert(id, { theme: HOSTILE_THEME, description: HOSTILE_DESCRIPTION, status: 0 } as never);
    const res = await http.get(`/pages/live/index?id=${id}`).expect(200);
    // Exactly the shell's scripts and the one data script: nothing from WeCom became an element.
    expect(res.text.match(/<script/g)).toHaveLength(SHELL.match(/<script/g)!.length + 1);
    expect(res.text).not.toContain('<img');
    expect(res.text).not.toContain('<b>');
    expect(res.text).not.toContain('<!--');
    expect(res.text).toContain('<title>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</title>');
    expect(firstScreenMarkup(res.text)).toContain(
      '<span class="taro-text live-card__theme">&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</span>',
    );
    // The data reads back as WeCom said it, byte for byte.
    const data = firstScreenData(res.text);
    expect(data?.page === 'live' && data.live.theme).toBe(HOSTILE_THEME);
    expect(data?.page === 'live' && data.live.description).toBe(HOSTILE_DESCRIPTION);
  });

  it.each([
    ['a malformed id', '/pages/live/index?id=not%20an%20id!'],
    ['no id', '/pages/live/index'],
    ['another page of the app', '/pages/other/index'],
  ])('serves the plain shell for %s', async (_, path) => {
    const res = await http.get(path).expect(200);
    expect(res.text).toBe(SHELL);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves the plain shell when the API would refuse (no such live, WeCom down): the app asks and says so', async () => {
    const missing = await http.get('/pages/live/index?id=lvNoSuchLive00000000000000000001').expect(200);
    expect(missing.text).toBe(SHELL);
    await http.get('/api/lives/lvNoSuchLive00000000000000000001').expect(404);

    h.sandbox.faults.down();
    const down = await http.get('/pages/live/index?id=lvNeverSeenBefore000000000000001').expect(200);
    expect(down.text).toBe(SHELL);
  });

  it('spends no more of WeCom than the API would: made-up ids go through the lane, and pages never fail for it', async () => {
    const before = h.sandbox.callsTo(INFO).length;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await http.get(`/pages/live/index?id=madeUpPage${String(i).padStart(4, '0')}`);
      statuses.push(res.status);
      expect(res.text).toBe(SHELL);
    }
    expect(new Set(statuses)).toEqual(new Set([200]));
    // LIMIT_UNKNOWN_LIVES_PER_IP_PER_MINUTE (20): the rest were refused before reaching WeCom.
    expect(h.sandbox.callsTo(INFO).length - before).toBeLessThanOrEqual(20);
  });
});
