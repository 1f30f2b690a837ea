import { fireEvent, render, screen } from '@testing-library/react';
import { FUNNEL_OTHER_TAGS, type StaffFunnel, type StaffWatchStats } from '../../../shared/staff-api';
import type { LiveCard } from '../../../shared/live-card';
import StatsPage from '../../../client/src/staff/pages/stats-page';
import { ApiError } from '../../../client/src/api/api-error';
import type { StaffApi } from '../../../client/src/staff/staff-api-client';
import { StaffContext } from '../../../client/src/staff/staff-context';

const ID = 'lvEnded';
const noViewers: StaffWatchStats = {
  viewers: 0,
  split: { member: 0, wechat: 0, wecomExternal: 0 },
  watchSeconds: { total: 0, median: 0, p90: 0 },
  histogram: [],
  commenters: 0,
  micSpeakers: 0,
  inviters: [],
  fetchedAt: '2026-12-02T06:04:05Z',
};
const funnel: StaffFunnel = {
  total: { views: 20, taps: 7, opens: 4 },
  byTag: [
    { from: 'spring', views: 14, taps: 5, opens: 3 },
    { from: '', views: 4, taps: 1, opens: 1 },
    { from: FUNNEL_OTHER_TAGS, views: 2, taps: 1, opens: 0 },
  ],
};

function renderStats(api: Partial<StaffApi>) {
  const full = {
    card: () => Promise.resolve({ theme: '秋季发布会', status: 'ended', startsAt: '2026-12-01T12:00:00Z' } as LiveCard),
    watchersCsvHref: (id: string) => `/api/staff/lives/${id}/watchers.csv`,
    reminders: () => Promise.resolve({ subscribers: 0, pending: 0, sent: 0, failed: [], sending: false }),
    ...api,
  } as StaffApi;
  return render(
    <StaffContext.Provider value={{ api: full, me: { userId: 'zhaomin', role: 'staff' }, now: Date.now }}>
      <StatsPage livingId={ID} />
    </StaffContext.Provider>,
  );
}

describe('the stats page', () => {
  it('says there are no viewers yet instead of drawing empty charts, and still shows the funnel', async () => {
    renderStats({ stats: () => Promise.resolve(noViewers), funnel: () => Promise.resolve(funnel) });
    expect(await screen.findByText('还没有观众')).toBeTruthy();
    expect(document.querySelectorAll('canvas')).toHaveLength(0);
    expect(screen.getByText('数据更新于 14:04:05')).toBeTruthy();
    expect(await screen.findByText('spring')).toBeTruthy();
    // Untagged, and the tags past the per-live cap, each one row under its own name.
    expect(screen.getByText('（无标记）')).toBeTruthy();
    expect(screen.getByText('（其他标记：超出每场上限的标记合计）')).toBeTruthy();
    expect(screen.getByRole('link', { name: '下载观众明细 CSV' }).getAttribute('href')).toBe(
      `/api/staff/lives/${ID}/watchers.csv`,
    );
  });

  it('shows a failure with a retry that asks again', async () => {
    const stats = jest
      .fn()
      .mockRejectedValueOnce(new ApiError({ code: 'UPSTREAM_UNAVAILABLE', status: 503, message: 'down' }))
      .mockResolvedValueOnce(noViewers);
    renderStats({ stats, funnel: () => Promise.resolve(funnel) });
    expect(await screen.findByText('观看数据加载失败')).toBeTruthy();
    expect(screen.getByText('企业微信暂时无法访问，请稍后重试')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: '重试' })[0]!);
    expect(await screen.findByText('还没有观众')).toBeTruthy();
    expect(stats).toHaveBeenCalledTimes(2);
  });

  it('keeps WeCom’s numbers when only the funnel fails', async () => {
    renderStats({
      stats: () => Promise.resolve(noViewers),
      funnel: () => Promise.reject(new ApiError({ code: 'NOT_FOUND', status: 404, message: 'no' })),
    });
    expect(await screen.findByText('漏斗数据加载失败')).toBeTruthy();
    expect(screen.getByText('还没有观众')).toBeTruthy();
  });

  it('refresh asks WeCom’s numbers and the funnel again', async () => {
    const stats = jest.fn(() => Promise.resolve(noViewers));
    const funnelFn = jest.fn(() => Promise.resolve(funnel));
    renderStats({ stats, funnel: funnelFn });
    await screen.findByText('还没有观众');
    fireEvent.click(screen.getByRole('button', { name: '刷新' }));
    await screen.findByRole('button', { name: '刷新' });
    expect(stats).toHaveBeenCalledTimes(2);
    expect(funnelFn).toHaveBeenCalledTimes(2);
  });
});
