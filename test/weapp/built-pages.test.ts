/**
 * The built mini program (dist/weapp) run by WeChat's component simulator (miniprogram-simulate: j-component on
 * exparser, WeChat's component framework, with templates compiled by WeChat's wcc): each scenario opens a built page,
 * lets its own code talk to a stand-in BFF through `wx.request`, and taps the rendered button with a finger
 * (touchstart + touchend, turned into `tap` by the framework). What it does not prove: the real base library, the
 * native button, the confirmation WeChat shows before opening another mini program — those need DevTools or a phone.
 */
import type { LiveCard } from '../../shared/live-card';
import { createBffStandIn } from './support/bff-stand-in';
import { aLive } from '../client/support/fixtures';
import { createMiniProgramHost, type OpenPage } from './support/mini-program-host';
import { assertWeappBuilt } from './support/weapp-build';
import { installWxStandIn } from './support/wx-stand-in';

const LIVE_PAGE = 'pages/live/index';
const HOME_PAGE = 'pages/index/index';
/** WeCom's live mini program, written out here rather than imported: the page must open exactly this one. */
const WECOM_LIVE_APP_ID = 'wx7424030d69bde86e';

const bff = createBffStandIn();
const host = createMiniProgramHost(assertWeappBuilt());
const wx = installWxStandIn(host.wx, bff);
let page: OpenPage | undefined;

beforeAll(() => host.launch(HOME_PAGE));

afterEach(() => {
  page?.close();
  page = undefined;
  bff.reset();
  wx.reset();
});

async function openLive(live: LiveCard, query: Record<string, string> = { id: live.livingId }) {
  bff.setLives([live]);
  page = host.openPage(LIVE_PAGE, query);
  await page.waitFor(() => page!.text().includes(live.theme), 'the card');
  return page;
}

/** The button is ready once the code for it has arrived (it shows a spinner and is disabled until then). */
const codeArrived =
  (n = 1) =>
  () =>
    bff.codes.length >= n && page!.root.querySelector('.action__button--loading') === undefined;

describe('the built live page in WeChat’s component simulator', () => {
  it('opens WeCom’s live mini program once, on a tap, with the path the BFF sent', async () => {
    const live = aLive({ livingId: 'lv_now', theme: '正在直播的发布会', status: 'living' });
    const p = await openLive(live);
    await p.waitFor(codeArrived(), 'the living code');
    expect(wx.launches).toEqual([]); // nothing opens without a tap

    await p.tap('进入直播');

    const [code] = bff.codes;
    expect(wx.launches).toEqual([{ appId: WECOM_LIVE_APP_ID, path: code?.launch.path }]);
    expect(code?.launch.path).toMatch(/^pages\/watch\/index\?living_code=lv_now%2Bcode%2F\d+%3D%3D$/);
    // The code came with a session: one login, then the code request carried its token.
    expect(bff.sessions).toHaveLength(1);
    expect(bff.requests.find((r) => r.path === '/api/lives/lv_now/code')?.authorization).toBe(
      `Bearer ${bff.sessions[0]?.token}`,
    );
  });

  it('opens the replay of an ended live whose replay is ready', async () => {
    const live = aLive({ livingId: 'lv_done', theme: '已结束的分享会', status: 'ended', replay: 'ready' });
    const p = await openLive(live);
    await p.waitFor(codeArrived(), 'the living code');

    await p.tap('观看回放');

    const [code] = bff.codes;
    expect(wx.launches).toEqual([{ appId: WECOM_LIVE_APP_ID, path: code?.launch.path }]);
    expect(code?.launch.path).toMatch(/^pages\/watch\/index\?living_code=[^&]+&replay=1$/);
    expect(bff.requests.find((r) => r.path === '/api/lives/lv_done/code')?.body).toEqual({
      replay: true,
      purpose: 'first',
    });
  });

  it('does not navigate when the BFF says the live cannot be watched, and shows why', async () => {
    // The card says "reserved" when the page loads; the anchor cancels before the code is asked for.
    const live = aLive({ livingId: 'lv_gone', theme: '临时取消的直播', status: 'reserved' });
    bff.changeAfterNextRead(live.livingId, (card) => ({ ...card, status: 'cancelled' }));
    const p = await openLive(live);
    await p.waitFor(() => p.text().includes('主播取消了这场直播'), 'the reason');

    expect(bff.requests.find((r) => r.path === '/api/lives/lv_gone/code')?.status).toBe(409);
    expect(p.text()).toContain('直播已取消');
    await p.tap('直播已取消');
    expect(wx.launches).toEqual([]);
    expect(bff.codes).toEqual([]);
  });

  it('shows why an ended live without a replay cannot be watched, and a tap opens nothing', async () => {
    const live = aLive({ livingId: 'lv_over', theme: '没有回放的直播', status: 'ended', replay: 'none' });
    const p = await openLive(live);

    expect(p.text()).toContain('这场直播没有回放');
    await p.tap('直播已结束');
    expect(wx.launches).toEqual([]);
    // No code asked for (the page's view beacon and its install id aside).
    const requests = bff.requests.filter((r) => !r.path.endsWith('/views') && r.path !== '/api/visitors');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/lives/lv_over']);
  });

  it('reports our funnel: the view with the campaign tag and an install id, the tag with the code, the open', async () => {
    const live = aLive({ livingId: 'lv_tagged', theme: '带渠道标记的直播', status: 'living' });
    const p = await openLive(live, { id: live.livingId, from: 'poster' });
    await p.waitFor(codeArrived(), 'the living code');
    const view = bff.requests.find((r) => r.method === 'POST' && r.path === '/api/lives/lv_tagged/views');
    // The install id is the one the BFF issued (asked for once, kept in storage), never one the mini program made.
    expect(bff.visitors).toContain(view?.body?.visitor);
    expect(view?.body).toEqual({ from: 'poster', visitor: expect.stringMatching(/^install\d{12}\.s{22}$/) });
    expect(bff.requests.find((r) => r.path === '/api/lives/lv_tagged/code')?.body).toMatchObject({ from: 'poster' });
    expect(bff.requests.some((r) => r.path.endsWith('/opens'))).toBe(false);

    await p.tap('进入直播');
    await p.waitFor(() => bff.requests.some((r) => r.path === '/api/lives/lv_tagged/opens'), 'the open beacon');
    const open = bff.requests.find((r) => r.path === '/api/lives/lv_tagged/opens');
    expect(open?.body).toEqual({ from: 'poster' });
    expect(open?.authorization).toBe(`Bearer ${bff.sessions[0]?.token}`);
  });

  it('opens from a mini program code whose scene is a living id, without asking what it means', async () => {
    // WeChat hands the code's scene to the page URL-encoded, as `scene` in its launch query.
    const live = aLive({ livingId: 'lvScanned_1', theme: '扫码打开的直播', status: 'living' });
    const p = await openLive(live, { scene: encodeURIComponent(live.livingId) });
    expect(bff.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/api/lives/lvScanned_1']);
    await p.waitFor(codeArrived(), 'the living code');
    await p.tap('进入直播');
    expect(wx.launches).toEqual([{ appId: WECOM_LIVE_APP_ID, path: bff.codes[0]?.launch.path }]);
  });

  it('opens from a mini program code whose scene is an alias, once the BFF said what it stands for', async () => {
    const live = aLive({ livingId: 'lvScanned_2', theme: '扫码打开的回放', status: 'ended', replay: 'ready' });
    bff.setSceneAlias('!Ab3dE5gH9k', { livingId: live.livingId, replay: true, from: 'poster-a' });
    const p = await openLive(live, { scene: encodeURIComponent('!Ab3dE5gH9k') });
    expect(bff.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
      '/api/scenes/!Ab3dE5gH9k',
      '/api/lives/lvScanned_2',
    ]);
    await p.waitFor(codeArrived(), 'the living code');
    // As for ?id=…&replay=1&from=poster-a: the replay's code, asked for with the code's campaign tag.
    expect(bff.requests.find((r) => r.path === '/api/lives/lvScanned_2/code')?.body).toEqual({
      replay: true,
      from: 'poster-a',
      purpose: 'first',
    });
    await p.tap('观看回放');
    expect(wx.launches).toEqual([{ appId: WECOM_LIVE_APP_ID, path: bff.codes[0]?.launch.path }]);
  });

  it('logs in once more and retries when the BFF refuses the stored session', async () => {
    const stale = 'session-from-before-the-secret-rotated';
    bff.refuseToken(stale);
    wx.storage.set('bff.session', { token: stale, expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const live = aLive({ livingId: 'lv_retry', theme: '需要重新登录的直播', status: 'living' });
    const p = await openLive(live);
    await p.waitFor(codeArrived(), 'the living code');

    const codeRequests = bff.requests.filter((r) => r.path === '/api/lives/lv_retry/code');
    expect(codeRequests.map((r) => [r.authorization, r.status])).toEqual([
      [`Bearer ${stale}`, 401],
      [`Bearer ${bff.sessions[0]?.token}`, 200],
    ]);
    expect(wx.loginCodes).toHaveLength(1);
    expect(bff.sessions).toHaveLength(1);

    await p.tap('进入直播');
    expect(wx.launches).toEqual([{ appId: WECOM_LIVE_APP_ID, path: bff.codes[0]?.launch.path }]);
  });
});

describe('the built home page in WeChat’s component simulator', () => {
  it('lists the cards in the order the BFF sent them, and a tap opens that live’s page', async () => {
    // Not in any order the client could sort them into by itself (the BFF's order wins).
    const lives = [
      aLive({ livingId: 'lv_c', theme: '第三场：回放', status: 'ended', replay: 'ready' }),
      aLive({ livingId: 'lv_a', theme: '第一场：即将开始', status: 'reserved' }),
      aLive({ livingId: 'lv_b', theme: '第二场：直播中', status: 'living' }),
    ];
    bff.setLives(lives);
    page = host.openPage(HOME_PAGE);
    const p = page;
    await p.waitFor(() => lives.every((live) => p.text().includes(live.theme)), 'every card');

    const positions = lives.map((live) => p.text().indexOf(live.theme));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(bff.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/lives']);

    await p.tap('进入直播间'); // the second card's button (the reserved live)
    await p.waitFor(() => wx.navigations.length > 0, 'a navigation');
    expect(wx.navigations).toEqual(['/pages/live/index?id=lv_a']);
  });
});
