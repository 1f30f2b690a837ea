import { act, fireEvent, screen } from '@testing-library/react';
import IndexPage from '../../../client/src/pages/index/index';
import { errorBody, stubBff, type StubResponse } from '../support/bff-stub';
import { aLive } from '../support/fixtures';
import { renderWithServices } from '../support/render';
import { taroMock } from '../stand-ins/taro';

const { taro } = taroMock;

function bffAnswering(...answers: StubResponse[]) {
  return stubBff(() => answers.shift() ?? { status: 500 });
}

describe('home page', () => {
  it('shows skeletons while loading, then the lives in the server’s order', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    stubBff(async () => {
      await gate;
      return {
        status: 200,
        body: { lives: [aLive({ livingId: 'lv_b', theme: '第二场' }), aLive({ livingId: 'lv_a', theme: '第一场' })] },
      };
    });
    const { container } = renderWithServices(<IndexPage />);
    expect(container.querySelectorAll('.skeleton')).toHaveLength(3);
    await act(async () => release());
    expect(await screen.findByText('第二场')).toBeTruthy();
    expect(Array.from(container.querySelectorAll('.live-card__theme')).map((el) => el.textContent)).toEqual([
      '第二场',
      '第一场',
    ]);
    expect(container.querySelector('.skeleton')).toBeNull();
  });

  it('opens the live page when a card is tapped', async () => {
    bffAnswering({ status: 200, body: { lives: [aLive({ livingId: 'lv_42', theme: '周会' })] } });
    renderWithServices(<IndexPage />);
    fireEvent.click(await screen.findByText('周会'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/live/index?id=lv_42' });
  });

  it('has an empty state', async () => {
    bffAnswering({ status: 200, body: { lives: [] } });
    renderWithServices(<IndexPage />);
    expect(await screen.findByText('暂时没有直播')).toBeTruthy();
  });

  it('has an error state with a retry', async () => {
    bffAnswering(
      { status: 503, body: errorBody('UPSTREAM_UNAVAILABLE') },
      { status: 200, body: { lives: [aLive({ theme: '恢复了' })] } },
    );
    renderWithServices(<IndexPage />);
    expect(await screen.findByText('加载失败')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('恢复了')).toBeTruthy();
  });

  it('reloads on pull-down and stops the refresh indicator', async () => {
    const { requests } = bffAnswering(
      { status: 200, body: { lives: [aLive({ theme: '旧的' })] } },
      { status: 200, body: { lives: [aLive({ theme: '新的' })] } },
    );
    renderWithServices(<IndexPage />);
    await screen.findByText('旧的');
    act(() => taroMock.pullDown());
    expect(await screen.findByText('新的')).toBeTruthy();
    expect(requests).toHaveLength(2);
    expect(taro.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  it('keeps the list when a pull-down refresh fails', async () => {
    bffAnswering(
      { status: 200, body: { lives: [aLive({ theme: '还在' })] } },
      { status: 503, body: errorBody('UPSTREAM_UNAVAILABLE') },
    );
    renderWithServices(<IndexPage />);
    await screen.findByText('还在');
    await act(async () => taroMock.pullDown());
    expect(screen.getByText('还在')).toBeTruthy();
    expect(taro.stopPullDownRefresh).toHaveBeenCalled();
  });
});
