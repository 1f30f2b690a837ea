import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import LivePage from '../../../client/src/pages/live/index';
import { PUSHED_POLL_MS } from '../../../client/src/api/poll-schedule';
import { LINGER_MS } from '../../../client/src/push/live-socket';
import { REFUSED_MAX_MS } from '../../../client/src/push/reconnect-delay';
import type { LiveCard } from '../../../shared/live-card';
import { errorBody, stubBff, type StubRequest } from '../support/bff-stub';
import { aCodeResponse, aLive } from '../support/fixtures';
import { renderWithServices } from '../support/render';
import { taroMock, type FakeSocketTask } from '../stand-ins/taro';

// The page as the mini program builds it: the weapp launch button, which fetches a code for the action it shows.
jest.mock('../../../client/src/components/launch-button/launch-button', () =>
  jest.requireActual('../../../client/src/components/launch-button/launch-button.weapp'),
);

const { taro } = taroMock;
const NOW = new Date(2025, 10, 28, 10, 0, 0);
const inMinutes = (m: number) => new Date(NOW.getTime() + m * 60_000).toISOString();

/** A BFF serving one live card (ETag per version), weapp sign-in and living codes. */
function bffServing(initial: LiveCard) {
  let live = initial;
  let version = 1;
  const stub = stubBff((req) => {
    if (req.path === '/api/session/weapp') {
      return { status: 200, body: { token: 'tok', expiresAt: new Date(Date.now() + 3600_000).toISOString() } };
    }
    if (req.method === 'POST' && req.path === `/api/lives/${live.livingId}/code`) {
      const replay = req.body?.replay === true;
      return { status: 200, body: aCodeResponse(replay ? 'REPLAY' : 'LIVE', replay) };
    }
    if (req.path !== `/api/lives/${live.livingId}`) return { status: 404, body: errorBody('LIVE_NOT_FOUND') };
    const etag = `W/"v${version}"`;
    if (req.headers['If-None-Match'] === etag) return { status: 304, headers: { ETag: etag } };
    return { status: 200, body: live, headers: { ETag: etag } };
  });
  return {
    ...stub,
    /** The live changes on the BFF (what a card frame announces). */
    update(changes: Partial<LiveCard>) {
      live = { ...live, ...changes };
      version += 1;
      return live;
    },
  };
}

const cardPolls = (requests: StubRequest[]) =>
  requests.filter((r) => r.method === 'GET' && r.path === '/api/lives/lv_1');
const codeRequests = (requests: StubRequest[]) => requests.filter((r) => r.path.endsWith('/code'));
const advance = (ms: number) => act(() => jest.advanceTimersByTimeAsync(ms));
const lastSocket = (): FakeSocketTask => taroMock.sockets.at(-1)!;
const push = (card: LiveCard) => act(() => lastSocket().push({ type: 'card', card }));
const actionLabel = (container: HTMLElement) => container.querySelector('.action__button')?.textContent;

async function openPage(live: LiveCard) {
  const bff = bffServing(live);
  taroMock.routerParams = { id: live.livingId };
  const view = renderWithServices(<LivePage />);
  await screen.findByText(live.theme);
  return { bff, ...view };
}

/** The page's socket opens (the upgrade succeeded). */
async function connect() {
  await advance(0);
  act(() => lastSocket().open());
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
  taro.login.mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
  taro.navigateToMiniProgram.mockResolvedValue({ errMsg: 'navigateToMiniProgram:ok' });
});

describe('live page with the push socket', () => {
  it('subscribes to its live on the one socket', async () => {
    await openPage(aLive({ livingId: 'lv_1' }));
    await connect();
    expect(taroMock.sockets).toHaveLength(1);
    expect(lastSocket().url).toBe('wss://bff.test/api/events');
    expect(lastSocket().subscriptions).toEqual([['lv_1']]);
  });

  it('turns "距开播 …" into 直播中 when the card frame comes, with no request to the BFF', async () => {
    const { bff, container } = await openPage(
      aLive({ livingId: 'lv_1', theme: '发布会', status: 'reserved', startsAt: inMinutes(2) }),
    );
    await connect();
    await waitFor(() => expect(actionLabel(container)).toBe('进入直播间'));
    expect(screen.getByText('预约中')).toBeTruthy();
    expect(screen.getByText(/^距开播 00:0[12]:\d\d$/)).toBeTruthy();
    const asked = bff.requests.length;

    await push(bff.update({ status: 'living', startsAt: NOW.toISOString(), onlineCount: 321 }));

    expect(screen.getByText('直播中')).toBeTruthy();
    expect(screen.queryByText(/距开播/)).toBeNull();
    expect(screen.getByText('321人在线')).toBeTruthy();
    expect(actionLabel(container)).toBe('进入直播');
    expect(bff.requests).toHaveLength(asked); // neither the card nor a new code: the reserved live's code still works
  });

  it('switches an ended live to "回放生成中", then to the replay when the next frame says it is ready', async () => {
    const { bff, container } = await openPage(aLive({ livingId: 'lv_1', status: 'living' }));
    await connect();
    await waitFor(() => expect(actionLabel(container)).toBe('进入直播'));

    await push(bff.update({ status: 'ended', replay: 'generating' }));
    expect(screen.getByText('已结束')).toBeTruthy();
    expect(actionLabel(container)).toBe('回放生成中');
    expect(screen.getByText('回放正在生成，请稍后再来')).toBeTruthy();

    await push(bff.update({ status: 'ended', replay: 'ready' }));
    expect(screen.getByText('可回放')).toBeTruthy();
    await waitFor(() =>
      expect((screen.getByRole('button', { name: '观看回放' }) as HTMLButtonElement).disabled).toBe(false),
    );
    expect(codeRequests(bff.requests).map((r) => r.body)).toEqual([
      { replay: false, purpose: 'first' },
      { replay: true, purpose: 'first' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: '观看回放' }));
    expect(taro.navigateToMiniProgram).toHaveBeenCalledWith({
      appId: aCodeResponse('REPLAY', true).launch.appId,
      path: aCodeResponse('REPLAY', true).launch.path,
    });
  });

  it('says a cancelled live is cancelled', async () => {
    const { bff, container } = await openPage(aLive({ livingId: 'lv_1', status: 'reserved' }));
    await connect();
    await push(bff.update({ status: 'cancelled' }));
    expect(screen.getByText('已取消')).toBeTruthy();
    expect(actionLabel(container)).toBe('直播已取消');
    expect(screen.getByText('主播取消了这场直播')).toBeTruthy();
  });

  it('ignores frames for other lives', async () => {
    const { container } = await openPage(aLive({ livingId: 'lv_1', status: 'living' }));
    await connect();
    await push(aLive({ livingId: 'lv_other', status: 'cancelled' }));
    expect(screen.getByText('直播中')).toBeTruthy();
    await waitFor(() => expect(actionLabel(container)).toBe('进入直播'));
  });

  it('polls every minute while connected and at the normal pace again once the socket drops', async () => {
    const { bff } = await openPage(aLive({ livingId: 'lv_1', status: 'living' }));
    await connect();
    await advance(PUSHED_POLL_MS - 1);
    expect(cardPolls(bff.requests)).toHaveLength(1);
    await advance(1);
    expect(cardPolls(bff.requests)).toHaveLength(2);

    await advance(20_000);
    act(() => lastSocket().serverClose(1006));
    await advance(0);
    expect(cardPolls(bff.requests)).toHaveLength(3); // overdue by the normal 5 s: at once
    await advance(5000);
    expect(cardPolls(bff.requests)).toHaveLength(4);
  });

  it('counts a card frame as news: the safety poll comes a minute after it', async () => {
    const { bff } = await openPage(aLive({ livingId: 'lv_1', status: 'living' }));
    await connect();
    await advance(30_000);
    await push(bff.update({ onlineCount: 5 }));
    await advance(PUSHED_POLL_MS - 1);
    expect(cardPolls(bff.requests)).toHaveLength(1);
    await advance(1);
    expect(cardPolls(bff.requests)).toHaveLength(2);
  });

  it('reconnects with back-off after a drop, subscribes again and takes the server’s card instead of refetching', async () => {
    const { bff } = await openPage(aLive({ livingId: 'lv_1', status: 'reserved', startsAt: inMinutes(120) }));
    await connect();
    act(() => lastSocket().serverClose(1001));
    await advance(400);
    expect(taroMock.sockets).toHaveLength(1);
    await advance(600);
    expect(taroMock.sockets).toHaveLength(2);
    act(() => lastSocket().open());
    expect(lastSocket().subscriptions).toEqual([['lv_1']]);
    const polls = cardPolls(bff.requests).length;

    await push(bff.update({ status: 'living', startsAt: NOW.toISOString() })); // the post-subscribe card
    expect(screen.getByText('直播中')).toBeTruthy();
    await advance(PUSHED_POLL_MS - 1);
    expect(cardPolls(bff.requests)).toHaveLength(polls);
  });

  it('backs off further each time the reconnect fails', async () => {
    await openPage(aLive({ livingId: 'lv_1', status: 'living' }));
    await connect();
    act(() => lastSocket().serverClose());
    await advance(1000);
    act(() => lastSocket().fail());
    await advance(999); // the second wait is 1–2 s
    expect(taroMock.sockets).toHaveLength(2);
    await advance(1001);
    expect(taroMock.sockets).toHaveLength(3);
  });

  it('holds no socket while the page is hidden, and connects again when it shows', async () => {
    const { bff } = await openPage(aLive({ livingId: 'lv_1', status: 'living' }));
    await connect();
    act(() => taroMock.hide());
    await advance(LINGER_MS);
    expect(taroMock.liveSockets()).toHaveLength(0);
    await advance(10 * 60_000);
    expect(taroMock.sockets).toHaveLength(1);
    expect(cardPolls(bff.requests)).toHaveLength(1);

    act(() => taroMock.show());
    await connect();
    expect(taroMock.sockets).toHaveLength(2);
    expect(lastSocket().subscriptions).toEqual([['lv_1']]);
    expect(cardPolls(bff.requests)).toHaveLength(2); // the fetch on show, as before
  });

  it('with push off (the upgrade fails) polls as today and does not retry in a tight loop', async () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(1); // the longest of each jittered wait
    taro.connectSocket.mockImplementation(async ({ url }: { url: string }) => {
      const { FakeSocketTask } = jest.requireActual<typeof import('../stand-ins/taro')>('../stand-ins/taro');
      const task = new FakeSocketTask(url);
      taroMock.sockets.push(task);
      queueMicrotask(() => task.fail()); // as a browser reports a 404 upgrade: an error, then 1006
      return task;
    });
    const { bff } = await openPage(aLive({ livingId: 'lv_1', status: 'living' }));
    for (let second = 0; second < 60; second += 5) await advance(5000);
    expect(cardPolls(bff.requests)).toHaveLength(13); // every 5 s, as without push
    await advance(10 * 60_000);
    // Attempts at 0, 1, 3, 7, 15, 31, 63, 127, 255 and 511 s (waits doubling up to 5 minutes), not one a second.
    expect(taroMock.sockets).toHaveLength(10);
    await advance(REFUSED_MAX_MS);
    expect(taroMock.sockets).toHaveLength(11);
    random.mockRestore();
  });
});
