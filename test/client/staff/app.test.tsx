import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { StaffLive, StaffMe } from '../../../shared/staff-api';
import { App } from '../../../client/src/staff/app';
import { ApiError } from '../../../client/src/api/api-error';
import { createStaffApi, type StaffApi } from '../../../client/src/staff/staff-api-client';
import { errorBody, stubFetch } from '../support/bff-stub';

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
function fakeApi(me: StaffMe | ApiError, overrides: Partial<StaffApi> = {}): StaffApi {
  return {
    me: () => (me instanceof ApiError ? Promise.reject(me) : Promise.resolve(me)),
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
    render(<App api={fakeApi(new ApiError({ code: 'FORBIDDEN', status: 403, message: 'no' }))} />);
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
      Promise.reject(new ApiError({ code: 'LIVE_ALREADY_STARTED', status: 409, message: 'started' })),
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
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('直播已经开始（或已结束、已取消），不能再修改或取消'),
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('reloads the list on a 409 in a dialog, so the stale row shows what the live is now', async () => {
    at('/staff/');
    const lives = jest
      .fn()
      .mockResolvedValueOnce({ lives: [reserved] })
      .mockResolvedValue({ lives: [{ ...reserved, status: 'living' }] });
    const cancelLive = jest.fn(() =>
      Promise.reject(new ApiError({ code: 'LIVE_ALREADY_STARTED', status: 409, message: 'started' })),
    );
    render(<App api={fakeApi({ userId: 'lifang', role: 'manager' }, { lives, cancelLive })} />);
    fireEvent.click(await screen.findByText('取消直播'));
    fireEvent.click(screen.getByRole('checkbox'));
    await act(async () => {
      fireEvent.click(screen.getAllByRole('button', { name: '取消直播' }).at(-1) as HTMLButtonElement);
    });
    await waitFor(() => expect(lives).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('直播中')).toBeTruthy();
    expect(screen.getByRole('dialog').textContent).toContain('不能再修改或取消');
  });

  it("goes to the new live's share page after creating it", async () => {
    at('/staff/lives/new');
    const createLive = jest.fn(() => Promise.resolve({ livingId: 'lvNew' }));
    const shareKit = jest.fn(() => new Promise<never>(() => undefined));
    render(<App api={fakeApi({ userId: 'lifang', role: 'manager' }, { createLive, shareKit })} />);
    fireEvent.change(await screen.findByRole('textbox', { name: /直播主题/ }), { target: { value: '冬季新品预告会' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '创建' }));
    });
    expect(createLive).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(window.location.pathname).toBe('/staff/lives/lvNew/share'));
    expect(shareKit).toHaveBeenCalledWith('lvNew', undefined);
  });

  it('refuses an emoji theme over WeCom’s 60 bytes on the form, in Chinese, without asking the BFF', async () => {
    at('/staff/lives/new');
    const createLive = jest.fn(() => Promise.resolve({ livingId: 'lvNew' }));
    render(<App api={fakeApi({ userId: 'lifang', role: 'manager' }, { createLive })} />);
    // 16 characters, as the counter says: within the 20, but 64 bytes.
    fireEvent.change(await screen.findByRole('textbox', { name: /直播主题/ }), { target: { value: '🎉'.repeat(16) } });
    expect(screen.getByText('16/20')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '创建' }));
    });
    expect(screen.getByText('主题最多 60 字节（汉字算 3 字节，表情符号算 4 字节），现在 64 字节')).toBeTruthy();
    expect(createLive).not.toHaveBeenCalled();
  });

  it('creates a live hosted by a manager whose userid holds @, the form filled in with it', async () => {
    at('/staff/lives/new');
    const createLive = jest.fn(() => Promise.resolve({ livingId: 'lvNew' }));
    const shareKit = jest.fn(() => new Promise<never>(() => undefined));
    render(<App api={fakeApi({ userId: 'liu.yang@hq', role: 'manager' }, { createLive, shareKit })} />);
    fireEvent.change(await screen.findByRole('textbox', { name: /直播主题/ }), { target: { value: '冬季新品预告会' } });
    expect((screen.getByRole('textbox', { name: /主播账号/ }) as HTMLInputElement).value).toBe('liu.yang@hq');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '创建' }));
    });
    expect(createLive).toHaveBeenCalledWith(expect.objectContaining({ anchorUserId: 'liu.yang@hq' }));
  });

  it.each([
    ['a 503', new ApiError({ code: 'UPSTREAM_UNAVAILABLE', status: 503, message: 'WeCom is down' })],
    ['no answer', new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'No answer' })],
  ])(
    'after %s on create, says the live may exist and sends it again only once the list was checked',
    async (_, failure) => {
      at('/staff/lives/new');
      const createLive = jest.fn(() => Promise.reject(failure));
      render(<App api={fakeApi({ userId: 'lifang', role: 'manager' }, { createLive })} />);
      fireEvent.change(await screen.findByRole('textbox', { name: /直播主题/ }), {
        target: { value: '冬季新品预告会' },
      });
      const create = screen.getByRole('button', { name: '创建' }) as HTMLButtonElement;
      await act(async () => {
        fireEvent.click(create);
      });
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain('创建结果未知：这场直播可能已经创建');
      expect(alert.textContent).not.toContain('企业微信暂时无法访问');
      expect(screen.getByRole('link', { name: '直播列表' }).getAttribute('href')).toBe('/staff/');

      // The same form again does not go out until the person ticks that the list has no such live.
      expect(create.disabled).toBe(true);
      fireEvent.submit(create.closest('form') as HTMLFormElement);
      expect(createLive).toHaveBeenCalledTimes(1);
      fireEvent.click(screen.getByRole('checkbox', { name: '我已确认直播列表里没有这场直播' }));
      expect(create.disabled).toBe(false);
      await act(async () => {
        fireEvent.click(create);
      });
      expect(createLive).toHaveBeenCalledTimes(2);
      // Failing the same way again asks again.
      expect(create.disabled).toBe(true);
      expect((screen.getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    },
  );

  it('lets a plain refusal (400) be fixed and sent again at once, saying what to fix in Chinese', async () => {
    at('/staff/lives/new');
    // Through the real client: the BFF's answer as it sends it, English message included.
    const { fetch, requests } = stubFetch(() => ({
      status: 400,
      body: errorBody('INVALID_BODY', "anchorUserId: not a member in the WeCom app's visible range"),
    }));
    const { createLive } = createStaffApi({ fetch });
    render(<App api={fakeApi({ userId: 'lifang', role: 'manager' }, { createLive })} />);
    fireEvent.change(await screen.findByRole('textbox', { name: /直播主题/ }), { target: { value: '冬季新品预告会' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '创建' }));
    });
    expect(requests.map((r) => [r.method, r.path])).toEqual([['POST', '/api/staff/lives']]);
    const alert = (await screen.findByRole('alert')).textContent;
    expect(alert).toContain('填写的内容不符合要求');
    expect(alert).toContain('主播账号');
    expect(alert).not.toContain('not a member');
    expect((screen.getByRole('button', { name: '创建' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('saves a modify, goes back to the list and says 已保存修改', async () => {
    at('/staff/lives/lvReserved/edit');
    const modifyLive = jest.fn(() => Promise.resolve(undefined));
    render(<App api={fakeApi({ userId: 'lifang', role: 'manager' }, { modifyLive })} />);
    fireEvent.change(await screen.findByDisplayValue('冬季新品预告会'), {
      target: { value: '冬季新品预告会（加场）' },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存修改' }));
    });
    expect(modifyLive).toHaveBeenCalledWith('lvReserved', { theme: '冬季新品预告会（加场）' });
    await waitFor(() => expect(window.location.pathname).toBe('/staff/'));
    expect((await screen.findByText('已保存修改')).getAttribute('role')).toBe('status');
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
