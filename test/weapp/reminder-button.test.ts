/**
 * The built live page's 开播提醒 in WeChat's component simulator (see `built-pages.test.ts` for what the simulator
 * proves and what it does not): the button of a reserved live asks `requestSubscribeMessage` inside the finger's
 * tap — the stand-in refuses a call outside one, as WeChat does — and the accept is recorded by the BFF.
 */
import type { LiveCard } from '../../shared/live-card';
import { aLive } from '../client/support/fixtures';
import { createBffStandIn } from './support/bff-stand-in';
import { createMiniProgramHost, type OpenPage } from './support/mini-program-host';
import { assertWeappBuilt } from './support/weapp-build';
import { installWxStandIn } from './support/wx-stand-in';

const LIVE_PAGE = 'pages/live/index';
const TEMPLATE = 'MiniReminderTemplate-for-the-simulator';
const ASK = '开播提醒我';
const SUBSCRIBED = '已预约，开播时提醒你';

const bff = createBffStandIn();
const host = createMiniProgramHost(assertWeappBuilt());
const wx = installWxStandIn(host.wx, bff, { inTap: host.inTap });
let page: OpenPage | undefined;

beforeAll(() => host.launch(LIVE_PAGE));

afterEach(() => {
  page?.close();
  page = undefined;
  bff.reset();
  wx.reset();
});

async function openLive(live: LiveCard) {
  bff.setLives([live]);
  page = host.openPage(LIVE_PAGE, { id: live.livingId });
  await page.waitFor(() => page!.text().includes(live.theme), 'the card');
  return page;
}

const reserved = aLive({ livingId: 'lv_tomorrow', theme: '明天开播的发布会', status: 'reserved' });
const reminderRequests = () => bff.requests.filter((r) => r.path.endsWith('/reminder'));

describe('the built live page’s 开播提醒 in WeChat’s component simulator', () => {
  it('asks WeChat inside the tap, records the accept with the session, and says so', async () => {
    bff.setReminderTemplate(TEMPLATE);
    const p = await openLive(reserved);
    await p.waitFor(() => p.buttons(ASK).length > 0, 'the reminder button');
    expect(wx.prompts).toEqual([]);

    await p.tap(ASK);
    await p.waitFor(() => p.text().includes(SUBSCRIBED), 'the recorded reminder');

    expect(wx.prompts).toEqual([{ tmplIds: [TEMPLATE], inTap: true }]);
    const post = reminderRequests().find((r) => r.method === 'POST');
    expect(post).toMatchObject({ body: { templateId: TEMPLATE }, status: 200 });
    expect(post?.authorization).toBe(`Bearer ${bff.sessions[0]?.token}`);
    expect(bff.reminders.size).toBe(1);
  });

  it('tells a plain no from “always reject”, records neither, and shows a kept reminder when the page opens again', async () => {
    bff.setReminderTemplate(TEMPLATE);
    let p = await openLive(reserved);
    await p.waitFor(() => p.buttons(ASK).length > 0, 'the reminder button');

    wx.answerSubscribe('reject');
    await p.tap(ASK);
    await p.waitFor(() => p.text().includes('你没有允许提醒'), 'the gentle note');
    expect(p.text()).not.toContain('设置 → 订阅消息');

    wx.answerSubscribe('ban');
    await p.tap(ASK);
    await p.waitFor(() => p.text().includes('右上角「…」→ 设置 → 订阅消息'), 'how to turn it back on');
    expect(bff.reminders.size).toBe(0);

    wx.answerSubscribe('accept');
    await p.tap(ASK);
    await p.waitFor(() => p.text().includes(SUBSCRIBED), 'the recorded reminder');

    p.close();
    p = await openLive(reserved);
    page = p;
    await p.waitFor(() => p.text().includes(SUBSCRIBED), 'the reminder on load');
    expect(wx.prompts).toHaveLength(3);
  });

  it('offers no reminder for a live that is on, nor without a template', async () => {
    bff.setReminderTemplate(TEMPLATE);
    const now = aLive({ livingId: 'lv_now', theme: '正在直播的发布会', status: 'living' });
    let p = await openLive(now);
    await p.waitFor(() => p.buttons('进入直播').length > 0, 'the launch button');
    expect(p.text()).not.toContain(ASK);
    expect(reminderRequests()).toEqual([]);
    p.close();

    bff.setReminderTemplate(null);
    p = await openLive(reserved);
    page = p;
    await p.waitFor(() => reminderRequests().length > 0, 'the reminder state');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(p.text()).not.toContain(ASK);
  });
});
