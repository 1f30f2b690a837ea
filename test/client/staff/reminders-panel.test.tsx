import { act, fireEvent, render, screen } from '@testing-library/react';
import type { StaffReminderStats } from '../../../shared/staff-api';
import { ApiError } from '../../../client/src/api/api-error';
import { REMINDERS_REFRESH_MS, RemindersPanel } from '../../../client/src/staff/components/reminders-panel';
import { reminderFailureLabel } from '../../../client/src/staff/reminder-failure-labels';
import type { StaffApi } from '../../../client/src/staff/staff-api-client';
import { StaffContext } from '../../../client/src/staff/staff-context';

const ID = 'lvSoon';

function renderPanel(reminders: jest.Mock) {
  const api = { reminders } as unknown as StaffApi;
  return render(
    <StaffContext.Provider value={{ api, me: { userId: 'zhaomin', role: 'staff' }, now: Date.now }}>
      <RemindersPanel livingId={ID} />
    </StaffContext.Provider>,
  );
}

const stats = (overrides: Partial<StaffReminderStats> = {}): StaffReminderStats => ({
  subscribers: 1200,
  pending: 1200,
  sent: 0,
  failed: [],
  sending: false,
  ...overrides,
});

/** Lets the panel's pending answer arrive. */
const settle = () => act(async () => undefined);

describe('the reminders panel', () => {
  it.each([
    ['43101', '拒收/次数用完（43101）'],
    ['40003', 'openid 无效（40003）'],
    ['40037', '模板无效（40037）'],
    ['47003', '字段不合规（47003）'],
    ['retries', '重试用尽'],
    ['45015', '其他原因（45015）'],
  ])('words the failure reason %s as %s', (reason, label) => {
    expect(reminderFailureLabel(reason)).toBe(label);
  });

  it('shows subscribers, pending, sent and the failures by reason in words', async () => {
    const reminders = jest.fn(() =>
      Promise.resolve(
        stats({
          subscribers: 1500,
          pending: 0,
          sent: 1480,
          failed: [
            { reason: '43101', count: 12 },
            { reason: 'retries', count: 8 },
          ],
        }),
      ),
    );
    renderPanel(reminders);
    expect(await screen.findByText('预约人数')).toBeTruthy();
    const tiles = screen.getByRole('group', { name: '开播提醒总览' }).textContent;
    expect(tiles).toBe('预约人数1,500待发送0已发送1,480发送失败20');
    const rows = screen.getAllByRole('row').map((row) => row.textContent);
    expect(rows).toEqual(['失败原因条数', '拒收/次数用完（43101）12', '重试用尽8']);
    expect(reminders).toHaveBeenCalledWith(ID);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('says nobody asked yet', async () => {
    renderPanel(jest.fn(() => Promise.resolve(stats({ subscribers: 0, pending: 0 }))));
    expect(await screen.findByText('还没有观众预约开播提醒')).toBeTruthy();
  });

  it('shows the progress while sending and asks again every few seconds until the sending ends', async () => {
    jest.useFakeTimers();
    const reminders = jest
      .fn()
      .mockResolvedValueOnce(
        stats({ pending: 1000, sent: 150, failed: [{ reason: '40003', count: 50 }], sending: true }),
      )
      .mockResolvedValueOnce(
        stats({ pending: 400, sent: 750, failed: [{ reason: '40003', count: 50 }], sending: true }),
      )
      .mockResolvedValueOnce(
        stats({ pending: 0, sent: 1150, failed: [{ reason: '40003', count: 50 }], sending: false }),
      );
    renderPanel(reminders);
    await settle();
    expect(screen.getByText(/正在发送：200 \/ 1,200/)).toBeTruthy();
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(200);

    await act(async () => jest.advanceTimersByTime(REMINDERS_REFRESH_MS));
    await settle();
    expect(reminders).toHaveBeenCalledTimes(2);
    expect(screen.getByText(/正在发送：800 \/ 1,200/)).toBeTruthy();

    await act(async () => jest.advanceTimersByTime(REMINDERS_REFRESH_MS));
    await settle();
    expect(reminders).toHaveBeenCalledTimes(3);
    expect(screen.queryByRole('progressbar')).toBeNull();

    // Done: no more asking.
    await act(async () => jest.advanceTimersByTime(REMINDERS_REFRESH_MS * 3));
    expect(reminders).toHaveBeenCalledTimes(3);
  });

  it('does not poll while nothing is being sent', async () => {
    jest.useFakeTimers();
    const reminders = jest.fn(() => Promise.resolve(stats()));
    renderPanel(reminders);
    await settle();
    await act(async () => jest.advanceTimersByTime(REMINDERS_REFRESH_MS * 3));
    expect(reminders).toHaveBeenCalledTimes(1);
  });

  it('shows a failure with a retry', async () => {
    const reminders = jest
      .fn()
      .mockRejectedValueOnce(new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'offline' }))
      .mockResolvedValueOnce(stats());
    renderPanel(reminders);
    expect(await screen.findByText('开播提醒数据加载失败')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('预约人数')).toBeTruthy();
  });
});
