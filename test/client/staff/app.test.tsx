import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { StaffLive, StaffMe } from '../../../shared/staff-api';
import { App } from '../../../client/src/staff/app';
import { StaffApiError, type StaffApi } from '../../../client/src/staff/staff-api-client';

const reserved: StaffLive = {
  livingId: 'lvReserved',
  theme: '冬季新品预告会',
  description: '',
  status: 'reserved',
  type: 'event',
  anchorUserId: 'lifang',
  startsAt: '2026-12-03T11:30:00Z',
  durationSeconds: 3600,
  viewerCount: 0,
  onlineCount: 0,
  commentCount: 0,
  subscribeCount: 12,
  replay: 'none',
  stale: false,
  createdByApp: true,
};
const ended: StaffLive = { ...reserved, livingId: 'lvEnded', theme: '秋季发布会', status: 'ended', replay: 'ready' };
/** Made in the WeCom app, not by this one: WeCom lets no other app change it or delete its replay. */
const foreign: StaffLive = { ...ended, livingId: 'lvForeign', theme: '年会', createdByApp: false };
const foreignReserved: StaffLive = { ...reserved, livingId: 'lvOther', theme: '周会', createdByApp: false };

/** A StaffApi answering from memory; tests override what they need. */
function fakeApi(me: StaffMe | StaffApiError, overrides: Partial<StaffApi> = {}): StaffApi {
  return {
    me: () => (me instanceof StaffApiError ? Promise.reject(me) : Promise.resolve(me)),
    lives: () => Promise.resolve({ lives: [reserved, ended, foreign, foreignReserved] }),
    cancelLive: jest.fn(() => Promise.resolve(undefined)),
    deleteReplay: jest.fn(() => Promise.resolve(undefined)),
    ...overrides,
  } as unknown as StaffApi;
}

const at = (path: string) => window.history.replaceState(null, '', path);

describe('the console app', () => {
  beforeEach(() => jest.spyOn(window, 'scrollTo').mockImplementation(() => undefined));

  it('shows 无权访问 when the BFF refuses the staff member', async () => {
    at('/staff/');
    render(<App api={fakeApi(new StaffApiError({ code: 'FORBIDDEN', status: 403, message: 'no' }))} />);
    expect(await screen.findByText('无权访问')).toBeTruthy();
  });

  it('tells a staff member who is not a manager that creating lives is for managers, naming the account', async () => {
    at('/staff/lives/new');
    render(<App api={fakeApi({ userId: 'zhaomin', role: 'staff' })} />);
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(screen.getByText('zhaomin', { selector: 'strong' })).toBeTruthy();
  });

  it('offers create, modify, cancel and delete-replay to managers only', async () => {
    at('/staff/');
    const { unmount } = render(<App api={fakeApi({ userId: 'zhaomin', role: 'staff' })} />);
    expect(await screen.findByText('冬季新品预告会')).toBeTruthy();
    expect(screen.queryByText('创建预约直播')).toBeNull();
    expect(screen.queryByText('取消直播')).toBeNull();
    expect(screen.queryByText('删除回放')).toBeNull();
    expect(screen.getAllByText('数据')).toHaveLength(4);
    unmount();

    render(<App api={fakeApi({ userId: 'lifang', role: 'manager' })} />);
    expect(await screen.findByText('创建预约直播')).toBeTruthy();
    expect(screen.getAllByText('取消直播')).toHaveLength(1);
    expect(screen.getAllByText('修改')).toHaveLength(1);
    expect(screen.getAllByText('删除回放')).toHaveLength(1);
  });

  it('cancels only after the tick, and shows the BFF refusing a started live inside the dialog', async () => {
    at('/staff/');
    const cancelLive = jest.fn(() =>
      Promise.reject(new StaffApiError({ code: 'LIVE_ALREADY_STARTED', status: 409, message: 'started' })),
    );
    render(<App api={fakeApi({ userId: 'lifang', role: 'manager' }, { cancelLive })} />);
    fireEvent.click(await screen.findByText('取消直播'));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('只能在开播前取消');
    const confirm = screen.getAllByRole('button', { name: '取消直播' }).at(-1) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(confirm);
    expect(cancelLive).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('checkbox'));
    expect(confirm.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(confirm);
    });
    expect(cancelLive).toHaveBeenCalledWith('lvReserved');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('直播已经开始，不能再取消'));
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('signs out on 退出 and offers to sign in again, without doing it by itself', async () => {
    at('/staff/');
    const logout = jest.fn(() => Promise.resolve(undefined));
    render(<App api={fakeApi({ userId: 'zhaomin', role: 'staff' }, { logout })} />);
    fireEvent.click(await screen.findByRole('button', { name: '退出' }));
    expect(await screen.findByText('已退出管理台')).toBeTruthy();
    expect(logout).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('link', { name: '重新登录' }).getAttribute('href')).toBe(
      '/api/staff/session?returnTo=%2Fstaff%2F',
    );
  });
});
