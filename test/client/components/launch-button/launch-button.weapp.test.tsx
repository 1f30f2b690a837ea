import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { primaryAction } from '../../../../shared/primary-action';
import type { LiveCard } from '../../../../shared/live-card';
import LaunchButton from '../../../../client/src/components/launch-button/launch-button.weapp';
import { PREPARED_LABEL } from '../../../../client/src/components/launch-button/launch-messages';
import { REFRESH_AFTER_MS } from '../../../../client/src/launch/use-launch-target';
import { stubBff, errorBody, type StubRequest, type StubResponse } from '../../support/bff-stub';
import { aCodeResponse, aLive } from '../../support/fixtures';
import { renderWithServices } from '../../support/render';
import { ServicesProvider } from '../../../../client/src/services';
import { taroMock } from '../../stand-ins/taro';

const { taro } = taroMock;

/** A BFF that logs in any wx code and hands out `codes` in turn. */
function bffIssuing(codes: string[], codeAnswer?: (req: StubRequest) => StubResponse | undefined) {
  let issued = 0;
  let sessions = 0;
  return stubBff((req) => {
    if (req.path === '/api/session/weapp') {
      sessions += 1;
      return {
        status: 200,
        body: { token: `tok-${sessions}`, expiresAt: new Date(Date.now() + 3600_000).toISOString() },
      };
    }
    if (req.method === 'POST' && req.path.endsWith('/code')) {
      const override = codeAnswer?.(req);
      if (override) return override;
      const code = codes[Math.min(issued++, codes.length - 1)]!;
      return { status: 200, body: aCodeResponse(code, req.body?.replay === true) };
    }
    return { status: 404, body: errorBody('NOT_FOUND') };
  });
}

function renderButton(live: LiveCard, props: { onNotWatchable?: () => void; replayAsked?: boolean } = {}) {
  return renderWithServices(
    <LaunchButton
      livingId={live.livingId}
      action={primaryAction(live, props.replayAsked)}
      onNotWatchable={props.onNotWatchable}
      reservedStart={live.status === 'reserved' ? live.startsAt : undefined}
    />,
  );
}

const ready = (label: string) =>
  waitFor(() => expect((screen.getByRole('button', { name: label }) as HTMLButtonElement).disabled).toBe(false));
const codeRequests = (requests: StubRequest[]) => requests.filter((r) => r.path.endsWith('/code'));

beforeEach(() => {
  taro.login.mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
  taro.navigateToMiniProgram.mockResolvedValue({ errMsg: 'navigateToMiniProgram:ok' });
});

describe('weapp launch button', () => {
  it.each([
    ['a live', aLive({ status: 'living' }), 'CODE1', '进入直播', 'pages/watch/index?living_code=CODE1', false],
    [
      'a reserved live',
      aLive({ status: 'reserved' }),
      'CODE2',
      '进入直播间',
      'pages/watch/index?living_code=CODE2',
      false,
    ],
    [
      'a replay',
      aLive({ status: 'ended', replay: 'ready' }),
      'CODE3',
      '观看回放',
      'pages/watch/index?living_code=CODE3&replay=1',
      true,
    ],
    [
      'a code needing URL-encoding',
      aLive({ status: 'living' }),
      'a+b/c=',
      '进入直播',
      'pages/watch/index?living_code=a%2Bb%2Fc%3D',
      false,
    ],
  ])('opens %s with exactly the appId and path from the BFF', async (_case, live, code, label, path, replay) => {
    const { requests } = bffIssuing([code]);
    renderButton(live);
    await ready(label);
    // Prefetched before any tap, with silent login.
    expect(taro.login).toHaveBeenCalledTimes(1);
    expect(codeRequests(requests)).toEqual([
      expect.objectContaining({
        path: `/api/lives/${live.livingId}/code`,
        body: { replay, purpose: 'first' },
        headers: expect.objectContaining({ Authorization: 'Bearer tok-1' }),
      }),
    ]);

    fireEvent.click(screen.getByRole('button', { name: label }));

    expect(taro.navigateToMiniProgram).toHaveBeenCalledTimes(1);
    expect(taro.navigateToMiniProgram).toHaveBeenCalledWith({ appId: 'wx7424030d69bde86e', path });
    expect(taro.navigateToMiniProgram.mock.calls[0][0]).toEqual({
      appId: aCodeResponse(code, replay).launch.appId,
      path: aCodeResponse(code, replay).launch.path,
    });
  });

  it('opens whatever target the BFF returned, not one it builds itself (e.g. the .html path switch)', async () => {
    const launch = { appId: 'wxBFFSAYSTHISAPP', username: 'gh_bff', path: 'pages/watch/index.html?living_code=X%2BY' };
    bffIssuing(['unused'], () => ({ status: 200, body: { ...aCodeResponse('X+Y'), launch } }));
    renderButton(aLive({ status: 'living' }));
    await ready('进入直播');
    fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
    expect(taro.navigateToMiniProgram).toHaveBeenCalledWith({ appId: launch.appId, path: launch.path });
  });

  it('is silent when the viewer cancels WeChat’s confirmation', async () => {
    bffIssuing(['C']);
    taro.navigateToMiniProgram.mockRejectedValue({ errMsg: 'navigateToMiniProgram:fail cancel' });
    const { container } = renderButton(aLive({ status: 'living' }));
    await ready('进入直播');
    fireEvent.click(screen.getByRole('button'));
    await act(async () => undefined);
    expect(taro.navigateToMiniProgram).toHaveBeenCalledTimes(1);
    expect(container.querySelector('.action__hint')).toBeNull();
    expect(screen.getByRole('button').textContent).toBe('进入直播');
  });

  it('shows a real failure with a retry that opens again', async () => {
    bffIssuing(['C']);
    taro.navigateToMiniProgram.mockRejectedValueOnce({ errMsg: 'navigateToMiniProgram:fail network error' });
    renderButton(aLive({ status: 'living' }));
    await ready('进入直播');
    fireEvent.click(screen.getByRole('button'));
    expect(await screen.findByText('没能打开直播，请重试')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(taro.navigateToMiniProgram).toHaveBeenCalledTimes(2);
    expect(taro.navigateToMiniProgram).toHaveBeenLastCalledWith({
      appId: 'wx7424030d69bde86e',
      path: 'pages/watch/index?living_code=C',
    });
    await waitFor(() => expect(screen.queryByText('没能打开直播，请重试')).toBeNull());
  });

  it('on a 401 logs in again exactly once, then succeeds', async () => {
    taroMock.storage.set('bff.session', { token: 'revoked', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const { requests } = bffIssuing(['FRESH'], (req) =>
      req.headers.Authorization === 'Bearer revoked' ? { status: 401, body: errorBody('SESSION_INVALID') } : undefined,
    );
    renderButton(aLive({ status: 'living' }));
    await ready('进入直播');

    expect(taro.login).toHaveBeenCalledTimes(1);
    expect(requests.filter((r) => r.path === '/api/session/weapp')).toEqual([
      expect.objectContaining({ body: { code: 'wx-code' } }),
    ]);
    expect(codeRequests(requests).map((r) => r.headers.Authorization)).toEqual(['Bearer revoked', 'Bearer tok-1']);

    fireEvent.click(screen.getByRole('button'));
    expect(taro.navigateToMiniProgram).toHaveBeenCalledWith({
      appId: 'wx7424030d69bde86e',
      path: 'pages/watch/index?living_code=FRESH',
    });
  });

  it('does not fetch anything for a disabled action, and shows why', () => {
    const { requests } = bffIssuing(['C']);
    renderButton(aLive({ status: 'ended', replay: 'generating' }));
    const button = screen.getByRole('button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('回放生成中');
    expect(screen.getByText('回放正在生成，请稍后再来')).toBeTruthy();
    expect(requests).toEqual([]);
    expect(taro.login).not.toHaveBeenCalled();
  });

  it('waits, disabled, until the code is there', async () => {
    let answer!: (res: StubResponse) => void;
    stubBff((req) =>
      req.path === '/api/session/weapp'
        ? { status: 200, body: { token: 't', expiresAt: new Date(Date.now() + 3600_000).toISOString() } }
        : new Promise<StubResponse>((resolve) => (answer = resolve)),
    );
    renderButton(aLive({ status: 'living' }));
    const button = screen.getByRole('button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.click(button);
    expect(taro.navigateToMiniProgram).not.toHaveBeenCalled();
    await waitFor(() => expect(answer).toBeDefined());
    answer({ status: 200, body: aCodeResponse('LATE') });
    await ready('进入直播');
  });

  it('shows nothing when a background request fails, and offers to fetch again when a tap’s fails', async () => {
    let fail = true;
    const { requests } = bffIssuing(['OK'], () =>
      fail ? { status: 503, body: errorBody('UPSTREAM_UNAVAILABLE'), headers: { 'Retry-After': '5' } } : undefined,
    );
    const { container } = renderButton(aLive({ status: 'living' }));
    await waitFor(() => expect(codeRequests(requests)).toHaveLength(1));
    await ready('进入直播');
    expect(container.querySelector('.action__hint')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
    expect(await screen.findByText('暂时无法进入直播，请重试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: '重新获取' }));
    await ready(PREPARED_LABEL);
    expect(codeRequests(requests).map((r) => r.body?.purpose)).toEqual(['first', 'tap', 'tap']);
    expect(taro.navigateToMiniProgram).not.toHaveBeenCalled();
  });

  it('tells the page when the BFF says the live is no longer watchable', async () => {
    const onNotWatchable = jest.fn();
    bffIssuing(['X'], () => ({
      status: 409,
      body: { error: { code: 'LIVE_NOT_WATCHABLE', message: 'x', reason: 'cancelled' } },
    }));
    renderButton(aLive({ status: 'living' }), { onNotWatchable });
    await waitFor(() => expect(onNotWatchable).toHaveBeenCalledTimes(1));
    expect(screen.getByText('直播状态有变化，正在刷新')).toBeTruthy();
  });

  it('refreshes the code after about four minutes, and not while the page is hidden', async () => {
    jest.useFakeTimers();
    const { requests } = bffIssuing(['FIRST', 'SECOND', 'THIRD']);
    renderButton(aLive({ status: 'living' }));
    await ready('进入直播');
    expect(codeRequests(requests)).toHaveLength(1);

    await act(async () => void jest.advanceTimersByTime(REFRESH_AFTER_MS));
    await waitFor(() => expect(codeRequests(requests)).toHaveLength(2));
    await ready('进入直播');
    fireEvent.click(screen.getByRole('button'));
    expect(taro.navigateToMiniProgram).toHaveBeenLastCalledWith({
      appId: 'wx7424030d69bde86e',
      path: 'pages/watch/index?living_code=SECOND',
    });

    act(() => taroMock.hide());
    await act(async () => void jest.advanceTimersByTime(3 * REFRESH_AFTER_MS));
    expect(codeRequests(requests)).toHaveLength(2);

    // Back after a long time: the old code is not used; a fresh one is asked for at once, and a tap while it is
    // on its way waits for it (no second request), then asks for the tap that opens.
    act(() => taroMock.show());
    fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
    expect(taro.navigateToMiniProgram).toHaveBeenCalledTimes(1);
    await ready(PREPARED_LABEL);
    expect(codeRequests(requests).map((r) => r.body?.purpose)).toEqual(['first', 'refresh', 'first']);
    fireEvent.click(screen.getByRole('button'));
    expect(taro.navigateToMiniProgram).toHaveBeenLastCalledWith({
      appId: 'wx7424030d69bde86e',
      path: 'pages/watch/index?living_code=THIRD',
    });
  });
});

const deferred = (deferred: 'before_start' | 'budget', retryInSeconds: number): StubResponse => ({
  status: 200,
  body: { deferred, retryInSeconds },
});
const inLine = (position: number): StubResponse => ({
  status: 503,
  headers: { 'Retry-After': '20' },
  body: { ...errorBody('UPSTREAM_BUSY'), queue: { position, etaSeconds: 20 } },
});
const purposes = (requests: StubRequest[]) => codeRequests(requests).map((r) => r.body?.purpose);
const advance = (ms: number) => act(async () => void (await jest.advanceTimersByTimeAsync(ms)));

describe('weapp launch button, within WeCom’s budget', () => {
  afterEach(() => jest.useRealTimers());

  it('asks for a first code, then refreshes it in the background when the BFF says', async () => {
    jest.useFakeTimers();
    const { requests } = bffIssuing(['FIRST', 'SECOND'], (req) =>
      req.body?.purpose === 'first'
        ? { status: 200, body: { ...aCodeResponse('FIRST'), refreshInSeconds: 100 } }
        : undefined,
    );
    renderButton(aLive({ status: 'living' }));
    await advance(0);
    await ready('进入直播');
    await advance(99_000);
    expect(purposes(requests)).toEqual(['first']);
    await advance(1_000);
    expect(purposes(requests)).toEqual(['first', 'refresh']);
  });

  it.each([
    ['a reserved live far from its start', 'before_start' as const, aLive({ status: 'reserved' })],
    ['no headroom in the budget', 'budget' as const, aLive({ status: 'living' })],
  ])(
    'when the BFF puts a first code off (%s): the normal button, asked again after retryInSeconds and not before',
    async (_case, reason, live) => {
      jest.useFakeTimers();
      const { requests } = bffIssuing(['LATER'], (req) =>
        codeRequests(requests).length <= 1 && req.body?.purpose === 'first' ? deferred(reason, 600) : undefined,
      );
      const { container } = renderButton(live);
      await advance(0);
      const label = primaryAction(live).label;
      await ready(label);
      expect(container.querySelector('.action__hint')).toBeNull();
      expect(container.querySelector('.action__button--loading')).toBeNull();
      await advance(599_000);
      expect(purposes(requests)).toEqual(['first']);
      expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(false);
      await advance(1_000);
      expect(purposes(requests)).toEqual(['first', 'first']);
      // The code that then came opens at once, on the viewer's one tap.
      await ready(label);
      fireEvent.click(screen.getByRole('button', { name: label }));
      expect(taro.navigateToMiniProgram).toHaveBeenCalledWith({
        appId: 'wx7424030d69bde86e',
        path: 'pages/watch/index?living_code=LATER',
      });
    },
  );

  it.each([
    ['a 503 with a place in line', inLine(4)],
    ['a 429', { status: 429, body: errorBody('UPSTREAM_RATE_LIMITED'), headers: { 'Retry-After': '20' } }],
  ])('never shows the line or an error for a background request answered %s', async (_case, failure) => {
    jest.useFakeTimers();
    const { requests } = bffIssuing(['OK'], (req) => (req.body?.purpose !== 'tap' ? failure : undefined));
    const { container } = renderButton(aLive({ status: 'living' }));
    await advance(0);
    await advance(60_000);
    expect(codeRequests(requests).length).toBeGreaterThan(1); // retried with back-off
    expect(screen.queryByText(/你排在第/)).toBeNull();
    expect(container.querySelector('.action__hint')).toBeNull();
    expect((screen.getByRole('button', { name: '进入直播' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('a tap without a code asks as a tap, then asks for one more tap that opens WeCom (no second request)', async () => {
    const { requests } = bffIssuing(['TAPPED'], (req) =>
      req.body?.purpose === 'first' ? deferred('budget', 60) : undefined,
    );
    renderButton(aLive({ status: 'living' }));
    await waitFor(() => expect(purposes(requests)).toEqual(['first']));
    await ready('进入直播');
    fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
    // WeChat refuses navigateToMiniProgram outside a tap: nothing opens on the answer by itself.
    await ready(PREPARED_LABEL);
    expect(taro.navigateToMiniProgram).not.toHaveBeenCalled();
    expect(purposes(requests)).toEqual(['first', 'tap']);

    fireEvent.click(screen.getByRole('button', { name: PREPARED_LABEL }));
    expect(taro.navigateToMiniProgram).toHaveBeenCalledTimes(1);
    expect(taro.navigateToMiniProgram).toHaveBeenCalledWith({
      appId: 'wx7424030d69bde86e',
      path: 'pages/watch/index?living_code=TAPPED',
    });
    expect(purposes(requests)).toEqual(['first', 'tap']);
  });

  it('stops asking in the background while the page is hidden', async () => {
    jest.useFakeTimers();
    const { requests } = bffIssuing(['C'], (req) =>
      req.body?.purpose === 'first' ? deferred('budget', 30) : undefined,
    );
    renderButton(aLive({ status: 'living' }));
    await advance(0);
    expect(purposes(requests)).toEqual(['first']);
    act(() => taroMock.hide());
    await advance(10 * 60_000);
    expect(purposes(requests)).toEqual(['first']);
  });

  it('drops the code prepared for a reserved live when it is moved to another start', async () => {
    const { requests } = bffIssuing(['OLD', 'NEW']);
    const live = aLive({ status: 'reserved', startsAt: new Date(Date.now() + 60_000).toISOString() });
    const view = renderButton(live);
    await ready('进入直播间');
    const moved = aLive({ status: 'reserved', startsAt: new Date(Date.now() + 3 * 3600_000).toISOString() });
    view.rerender(
      <ServicesProvider value={view.services}>
        <LaunchButton livingId={moved.livingId} action={primaryAction(moved)} reservedStart={moved.startsAt} />
      </ServicesProvider>,
    );
    await waitFor(() => expect(codeRequests(requests)).toHaveLength(2));
    await ready('进入直播间');
    fireEvent.click(screen.getByRole('button', { name: '进入直播间' }));
    expect(taro.navigateToMiniProgram).toHaveBeenCalledWith({
      appId: 'wx7424030d69bde86e',
      path: 'pages/watch/index?living_code=NEW',
    });
  });
});

describe('weapp launch button, many viewers at once', () => {
  afterEach(() => jest.useRealTimers());

  it('after a tap: shows the place in line, counts down, asks again as a tap at Retry-After, then opens WeCom', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
    let busy = 2;
    const { requests } = bffIssuing(['CODE9'], (req) => {
      if (req.body?.purpose !== 'tap') return deferred('budget', 600);
      return busy-- > 0 ? inLine(busy + 3) : undefined;
    });
    renderButton(aLive({ status: 'living' }));
    await waitFor(() => expect(purposes(requests)).toEqual(['first']));
    await ready('进入直播');
    expect(screen.queryByText(/你排在第/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '进入直播' }));
    await waitFor(() => expect(screen.getByText('观看的人很多，你排在第 4 位，约 20 秒后自动进入')).toBeTruthy());
    await act(async () => void jest.advanceTimersByTime(5_000));
    expect(screen.getByText('观看的人很多，你排在第 4 位，约 15 秒后自动进入')).toBeTruthy();
    expect(purposes(requests)).toEqual(['first', 'tap']);
    // No second tap: at Retry-After it asks again by itself (and not before), as a tap, keeping its place.
    await act(async () => void jest.advanceTimersByTime(14_000));
    expect(purposes(requests)).toEqual(['first', 'tap']);
    await act(async () => void jest.advanceTimersByTime(1_000));
    await waitFor(() => expect(screen.getByText('观看的人很多，你排在第 3 位，约 20 秒后自动进入')).toBeTruthy());
    expect(purposes(requests)).toEqual(['first', 'tap', 'tap']);
    await act(async () => void jest.advanceTimersByTime(20_000));
    await waitFor(() => expect(purposes(requests)).toEqual(['first', 'tap', 'tap', 'tap']));
    jest.useRealTimers();
    await ready(PREPARED_LABEL);
    fireEvent.click(screen.getByRole('button', { name: PREPARED_LABEL }));
    expect(taro.navigateToMiniProgram).toHaveBeenCalledTimes(1);
    expect(taro.navigateToMiniProgram).toHaveBeenCalledWith({
      appId: 'wx7424030d69bde86e',
      path: 'pages/watch/index?living_code=CODE9',
    });
  });
});
