import { act, screen } from '@testing-library/react';
import { useState } from 'react';
import IndexPage from '../../../client/src/pages/index/index';
import LivePage from '../../../client/src/pages/live/index';
import { LINGER_MS } from '../../../client/src/push/live-socket';
import type { LiveCard } from '../../../shared/live-card';
import { errorBody, stubBff } from '../support/bff-stub';
import { aLive } from '../support/fixtures';
import { renderWithServices } from '../support/render';
import { taroMock, type FakeSocketTask } from '../stand-ins/taro';

const NOW = new Date(2025, 10, 28, 10, 0, 0);
const advance = (ms: number) => act(() => jest.advanceTimersByTimeAsync(ms));
const lastSocket = (): FakeSocketTask => taroMock.sockets.at(-1)!;

const LIVES = [
  aLive({ livingId: 'lv_a', theme: '第一场', status: 'reserved' }),
  aLive({ livingId: 'lv_b', theme: '第二场', status: 'living' }),
];

function bffServing(lives: LiveCard[]) {
  return stubBff((req) => {
    if (req.path === '/api/lives') return { status: 200, body: { lives } };
    const live = lives.find((l) => req.path === `/api/lives/${l.livingId}`);
    return live ? { status: 200, body: live, headers: { ETag: '"1"' } } : { status: 404, body: errorBody('NOT_FOUND') };
  });
}

const statusOf = (container: HTMLElement, theme: string) => {
  const card = [...container.querySelectorAll('.live-card')].find(
    (el) => el.querySelector('.live-card__theme')?.textContent === theme,
  );
  return card?.textContent ?? '';
};

beforeEach(() => jest.useFakeTimers({ now: NOW }));

describe('home page with the push socket', () => {
  it('subscribes to the lives it shows and updates a card from its frame, without reloading', async () => {
    const { requests } = bffServing(LIVES);
    const { container } = renderWithServices(<IndexPage />);
    await screen.findByText('第一场');
    await advance(0);
    act(() => lastSocket().open());
    expect(lastSocket().subscriptions).toEqual([['lv_a', 'lv_b']]);
    expect(statusOf(container, '第一场')).toContain('预约中');

    act(() => lastSocket().push({ type: 'card', card: { ...LIVES[0]!, status: 'living', onlineCount: 12 } }));
    expect(statusOf(container, '第一场')).toContain('直播中');
    expect(statusOf(container, '第一场')).toContain('12人在线');
    expect(statusOf(container, '第二场')).toContain('直播中');
    expect(requests).toHaveLength(1);
  });

  it('shares one socket with a live page, subscribed to the union, and narrows it when that page goes', async () => {
    bffServing(LIVES);
    taroMock.routerParams = { id: 'lv_c' };
    let closeLivePage!: () => void;
    function Stack() {
      const [livePage, setLivePage] = useState(true);
      closeLivePage = () => setLivePage(false);
      return (
        <>
          <IndexPage />
          {livePage && <LivePage />}
        </>
      );
    }
    renderWithServices(<Stack />);
    await screen.findByText('第一场');
    await advance(0);
    expect(taroMock.sockets).toHaveLength(1);
    act(() => lastSocket().open());
    expect(lastSocket().subscriptions).toEqual([['lv_a', 'lv_b', 'lv_c']]);

    act(() => closeLivePage());
    await advance(0);
    expect(lastSocket().subscriptions.at(-1)).toEqual(['lv_a', 'lv_b']);
    expect(taroMock.sockets).toHaveLength(1);
  });

  it('lets the socket go while the home page is hidden', async () => {
    bffServing(LIVES);
    renderWithServices(<IndexPage />);
    await screen.findByText('第一场');
    await advance(0);
    act(() => lastSocket().open());
    act(() => taroMock.hide());
    await advance(LINGER_MS);
    expect(taroMock.liveSockets()).toHaveLength(0);
    act(() => taroMock.show());
    await advance(0);
    expect(taroMock.liveSockets()).toHaveLength(1);
  });
});
