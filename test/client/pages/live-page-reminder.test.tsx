import { screen } from '@testing-library/react';
import LivePage from '../../../client/src/pages/live/index';
import type { LiveStatus } from '../../../shared/live-card';
import { errorBody, stubBff } from '../support/bff-stub';
import { aLive } from '../support/fixtures';
import { renderWithServices } from '../support/render';
import { taroMock } from '../stand-ins/taro';

// The platform variants are resolved by Taro's build, not by jest (the default one draws nothing): a marker stands
// in, so the page's choice of where and when to offer the reminder is what is under test here.
jest.mock('../../../client/src/components/reminder-button', () => ({
  ReminderButton: ({ livingId }: { livingId: string }) => <div data-testid="reminder">{livingId}</div>,
}));

describe('live page: 开播提醒', () => {
  it.each<[LiveStatus, boolean]>([
    ['reserved', true],
    ['living', false],
    ['ended', false],
    ['cancelled', false],
    ['expired', false],
  ])('offers the reminder for a live that is %s: %s', async (status, offered) => {
    const live = aLive({ livingId: 'lv_r', status });
    stubBff((req) =>
      req.path === '/api/lives/lv_r' ? { status: 200, body: live } : { status: 404, body: errorBody('NOT_FOUND') },
    );
    taroMock.routerParams = { id: 'lv_r' };
    renderWithServices(<LivePage />);
    await screen.findByText(live.theme);
    expect(screen.queryByTestId('reminder')?.textContent).toBe(offered ? 'lv_r' : undefined);
  });

  it('puts the reminder last on the page, so nothing drawn before it moves when it appears', async () => {
    const live = aLive({ livingId: 'lv_r', status: 'reserved' });
    stubBff(() => ({ status: 200, body: live }));
    taroMock.routerParams = { id: 'lv_r' };
    const { container } = renderWithServices(<LivePage />);
    await screen.findByText(live.theme);
    expect(container.querySelector('.live-page')?.lastElementChild).toBe(screen.getByTestId('reminder'));
  });
});
