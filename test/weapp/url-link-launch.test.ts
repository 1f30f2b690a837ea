/**
 * The built live page opened by a WeChat URL Link (`wxa/generate_urllink`, scene 1194), in WeChat's component
 * simulator (see `built-pages.test.ts` for what the simulator proves and what it does not). A link from an SMS, an
 * email or a phone browser opens our mini program cold on `pages/live/index` with the link's query — the live id, the
 * replay flag and the campaign tag, never a living code — and the page must treat it like any other launch: show the
 * live, count the view under the tag, ask for the code with it, and open WeCom on the viewer's tap.
 */
import { aLive } from '../client/support/fixtures';
import { createBffStandIn } from './support/bff-stand-in';
import { createMiniProgramHost, type OpenPage } from './support/mini-program-host';
import { assertWeappBuilt } from './support/weapp-build';
import { installWxStandIn } from './support/wx-stand-in';

const LIVE_PAGE = 'pages/live/index';
const URL_LINK_SCENE = 1194;
const WECOM_LIVE_APP_ID = 'wx7424030d69bde86e';
/** The query a URL Link of the replay, tagged `sms_1`, brings (the share kit's `generate_urllink` query). */
const LINK_QUERY = { id: 'lvFromSms_1', replay: '1', from: 'sms_1' };

const bff = createBffStandIn();
const host = createMiniProgramHost(assertWeappBuilt());
const wx = installWxStandIn(host.wx, bff);
let page: OpenPage | undefined;

beforeAll(() => host.launch(LIVE_PAGE, { scene: URL_LINK_SCENE, query: LINK_QUERY }));

afterEach(() => {
  page?.close();
  page = undefined;
  bff.reset();
  wx.reset();
});

const codeArrived = () => bff.codes.length >= 1 && page!.root.querySelector('.action__button--loading') === undefined;

describe('the built live page opened by a URL Link (scene 1194)', () => {
  it('shows the replay the link names, reports its view and code under the link’s tag, and opens it on a tap', async () => {
    const live = aLive({ livingId: LINK_QUERY.id, theme: '短信里点开的回放', status: 'ended', replay: 'ready' });
    bff.setLives([live]);
    page = host.openPage(LIVE_PAGE, LINK_QUERY);
    await page.waitFor(() => page!.text().includes(live.theme), 'the card');
    await page.waitFor(codeArrived, 'the living code');
    await page.waitFor(() => bff.requests.some((r) => r.path.endsWith('/views')), 'the view beacon');

    expect(bff.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([`/api/lives/${live.livingId}`]);
    const view = bff.requests.find((r) => r.method === 'POST' && r.path === `/api/lives/${live.livingId}/views`);
    expect(view?.body).toMatchObject({ from: 'sms_1' });
    expect(bff.requests.find((r) => r.path === `/api/lives/${live.livingId}/code`)?.body).toEqual({
      replay: true,
      from: 'sms_1',
      purpose: 'first',
    });
    expect(wx.launches).toEqual([]);

    await page.tap('观看回放');
    expect(wx.launches).toEqual([{ appId: WECOM_LIVE_APP_ID, path: bff.codes[0]?.launch.path }]);
    expect(bff.codes[0]?.launch.path).toMatch(/^pages\/watch\/index\?living_code=[^&]+&replay=1$/);
    await page.waitFor(() => bff.requests.some((r) => r.path === `/api/lives/${live.livingId}/opens`), 'the open');
    expect(bff.requests.find((r) => r.path === `/api/lives/${live.livingId}/opens`)?.body).toEqual({ from: 'sms_1' });
  });

  it('a link to the live itself (no replay flag, no tag): the live, counted untagged', async () => {
    const live = aLive({ livingId: 'lvFromMail_2', theme: '邮件里点开的直播', status: 'living' });
    bff.setLives([live]);
    page = host.openPage(LIVE_PAGE, { id: live.livingId });
    await page.waitFor(() => page!.text().includes(live.theme), 'the card');
    await page.waitFor(codeArrived, 'the living code');
    const isView = (r: { method: string; path: string }) =>
      r.method === 'POST' && r.path === `/api/lives/${live.livingId}/views`;
    await page.waitFor(() => bff.requests.some(isView), 'the view beacon');
    expect(bff.requests.find(isView)?.body).toEqual({ visitor: expect.any(String) });
    expect(bff.requests.find((r) => r.path === `/api/lives/${live.livingId}/code`)?.body).toEqual({
      replay: false,
      purpose: 'first',
    });
    await page.tap('进入直播');
    expect(wx.launches).toEqual([{ appId: WECOM_LIVE_APP_ID, path: bff.codes[0]?.launch.path }]);
  });
});
