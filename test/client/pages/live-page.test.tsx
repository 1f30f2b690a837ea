import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import LivePage from '../../../client/src/pages/live/index';
import type { LiveCard } from '../../../shared/live-card';
import { errorBody, stubBff, type StubResponse } from '../support/bff-stub';
import { aLive } from '../support/fixtures';
import { renderWithServices } from '../support/render';
import { taroMock, useShareAppMessage, useShareTimeline } from '../stand-ins/taro';

const { taro } = taroMock;
const NOW = new Date(2025, 10, 28, 10, 0, 0);

function openPage(params: Record<string, string>) {
  taroMock.routerParams = params;
  return renderWithServices(<LivePage />);
}

/** A BFF serving one live card with an ETag per version. */
function bffServing(initial: LiveCard) {
  let live = initial;
  let version = 1;
  let next: StubResponse | undefined;
  const stub = stubBff((req) => {
    if (next) {
      const res = next;
      next = undefined;
      return res;
    }
    if (req.path !== `/api/lives/${live.livingId}`) return { status: 404, body: errorBody('LIVE_NOT_FOUND') };
    const etag = `W/"v${version}"`;
    if (req.headers['If-None-Match'] === etag) return { status: 304, headers: { ETag: etag } };
    return { status: 200, body: live, headers: { ETag: etag } };
  });
  return {
    ...stub,
    update(changes: Partial<LiveCard>) {
      live = { ...live, ...changes };
      version += 1;
    },
    answerNextWith(res: StubResponse) {
      next = res;
    },
  };
}

/** Reads of the card (not the funnel's view beacon, a POST). */
const liveRequests = (requests: { method: string; path: string }[]) =>
  requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/lives/'));
const advance = (ms: number) => act(async () => void jest.advanceTimersByTime(ms));

describe('live page', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));

  it.each([
    ['no id', {}],
    ['an empty id', { id: '' }],
    ['a malformed id', { id: '<script>' }],
  ])('says "直播不存在" for %s, without asking the BFF', (_case, params) => {
    const { requests } = stubBff(() => ({ status: 500 }));
    openPage(params);
    expect(screen.getByText('直播不存在')).toBeTruthy();
    expect(requests).toEqual([]);
  });

  it('says "直播不存在" when the BFF does not know the live, and leads home', async () => {
    stubBff(() => ({ status: 404, body: errorBody('LIVE_NOT_FOUND') }));
    openPage({ id: 'lv_gone' });
    expect(await screen.findByText('直播不存在')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '看看其他直播' }));
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
  });

  it('works as a cold entry: shows the live large with its description and titles the page', async () => {
    bffServing(aLive({ livingId: 'lv_1', theme: '年度盛典', description: '全员参加', status: 'living' }));
    const { container } = openPage({ id: 'lv_1' });
    expect(container.querySelector('.skeleton')).not.toBeNull();
    expect(await screen.findByText('年度盛典')).toBeTruthy();
    expect(screen.getByText('全员参加')).toBeTruthy();
    expect(container.querySelector('.live-card--full')).not.toBeNull();
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '年度盛典' });
  });

  it('shares the live page with the theme as title, keeping replay', async () => {
    bffServing(aLive({ livingId: 'lv_1', theme: '回放：年度盛典', status: 'ended', replay: 'ready' }));
    openPage({ id: 'lv_1', replay: '1' });
    await screen.findByText('回放：年度盛典');
    const appMessage = useShareAppMessage.mock.calls.at(-1)![0] as () => unknown;
    const timeline = useShareTimeline.mock.calls.at(-1)![0] as () => unknown;
    expect(appMessage()).toEqual({ title: '回放：年度盛典', path: '/pages/live/index?id=lv_1&replay=1' });
    expect(timeline()).toEqual({ title: '回放：年度盛典', query: 'id=lv_1&replay=1' });
  });

  it('shows an error with a retry when the first load fails', async () => {
    const bff = bffServing(aLive({ livingId: 'lv_1', theme: '周会' }));
    bff.answerNextWith({ status: 503, body: errorBody('UPSTREAM_UNAVAILABLE'), headers: { 'Retry-After': '3' } });
    openPage({ id: 'lv_1' });
    expect(await screen.findByText('加载失败')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('周会')).toBeTruthy();
  });

  it('polls a live every 5 s with If-None-Match and updates card and action when the status changes', async () => {
    const bff = bffServing(aLive({ livingId: 'lv_1', status: 'living', replay: 'none' }));
    const { container } = openPage({ id: 'lv_1' });
    await screen.findByText('直播中');
    expect(liveRequests(bff.requests)).toHaveLength(1);

    await advance(5000);
    expect(liveRequests(bff.requests)).toHaveLength(2);
    expect(bff.requests.at(-1)?.headers['If-None-Match']).toBe('W/"v1"');
    expect(screen.getByText('直播中')).toBeTruthy();

    bff.update({ status: 'ended', replay: 'ready' });
    await advance(5000);
    await waitFor(() => expect(screen.getByText('已结束')).toBeTruthy());
    expect(screen.getByText('可回放')).toBeTruthy();
    expect(container.querySelector('.action__button')?.textContent).toBe('观看回放');
  });

  it('polls every 30 s when nothing is about to happen', async () => {
    const startsAt = new Date(NOW.getTime() + 5 * 3600_000).toISOString();
    const bff = bffServing(aLive({ livingId: 'lv_1', status: 'reserved', startsAt }));
    openPage({ id: 'lv_1' });
    await screen.findByText('预约中');
    await advance(29_000);
    expect(liveRequests(bff.requests)).toHaveLength(1);
    await advance(1000);
    expect(liveRequests(bff.requests)).toHaveLength(2);
  });

  it('stops polling while the page is hidden and fetches at once when it shows again', async () => {
    const bff = bffServing(aLive({ livingId: 'lv_1', status: 'living' }));
    openPage({ id: 'lv_1' });
    await screen.findByText('直播中');
    act(() => taroMock.hide());
    await advance(60_000);
    expect(liveRequests(bff.requests)).toHaveLength(1);
    bff.update({ status: 'ended', replay: 'none' });
    act(() => taroMock.show());
    await waitFor(() => expect(screen.getByText('已结束')).toBeTruthy());
    expect(liveRequests(bff.requests)).toHaveLength(2);
  });

  it('waits out Retry-After on 429 and keeps the last card meanwhile', async () => {
    const bff = bffServing(aLive({ livingId: 'lv_1', status: 'living', theme: '直播课' }));
    openPage({ id: 'lv_1' });
    await screen.findByText('直播课');
    bff.answerNextWith({ status: 429, body: errorBody('UPSTREAM_RATE_LIMITED'), headers: { 'Retry-After': '60' } });
    await advance(5000);
    expect(liveRequests(bff.requests)).toHaveLength(2);
    await advance(55_000);
    expect(liveRequests(bff.requests)).toHaveLength(2);
    expect(screen.getByText('直播课')).toBeTruthy();
    await advance(5000);
    expect(liveRequests(bff.requests)).toHaveLength(3);
  });

  it('turns into "直播不存在" when the live disappears while watched', async () => {
    const bff = bffServing(aLive({ livingId: 'lv_1', status: 'living' }));
    openPage({ id: 'lv_1' });
    await screen.findByText('直播中');
    bff.answerNextWith({ status: 404, body: errorBody('LIVE_NOT_FOUND') });
    await advance(5000);
    expect(await screen.findByText('直播不存在')).toBeTruthy();
    await advance(60_000);
    expect(liveRequests(bff.requests)).toHaveLength(2);
  });
});
