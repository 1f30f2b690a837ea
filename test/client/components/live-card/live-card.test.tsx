import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { LiveStatus, ReplayState } from '../../../../shared/live-card';
import { LiveCard } from '../../../../client/src/components/live-card';
import { aLive } from '../../support/fixtures';

const NOW = new Date(2025, 10, 28, 10, 0, 0);

function badges(container: HTMLElement) {
  return Array.from(container.querySelectorAll('.live-badge')).map((el) => el.textContent);
}

describe('live card', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));

  // status × replay → status badge, replay badge, action label, action enabled, hint when disabled
  it.each<[LiveStatus, ReplayState, string, string | null, string, boolean, string | null]>([
    ['reserved', 'none', '预约中', null, '进入直播间', true, null],
    ['reserved', 'ready', '预约中', null, '进入直播间', true, null],
    ['reserved', 'generating', '预约中', null, '进入直播间', true, null],
    ['reserved', 'deleted', '预约中', null, '进入直播间', true, null],
    ['reserved', 'failed', '预约中', null, '进入直播间', true, null],
    ['living', 'none', '直播中', null, '进入直播', true, null],
    ['living', 'ready', '直播中', null, '进入直播', true, null],
    ['living', 'generating', '直播中', null, '进入直播', true, null],
    ['living', 'deleted', '直播中', null, '进入直播', true, null],
    ['living', 'failed', '直播中', null, '进入直播', true, null],
    ['ended', 'none', '已结束', null, '直播已结束', false, '这场直播没有回放'],
    ['ended', 'ready', '已结束', '可回放', '观看回放', true, null],
    ['ended', 'generating', '已结束', null, '回放生成中', false, '回放正在生成，请稍后再来'],
    ['ended', 'deleted', '已结束', null, '回放已删除', false, '这场直播的回放已被删除'],
    ['ended', 'failed', '已结束', null, '回放不可用', false, '回放生成失败'],
    ['expired', 'none', '已过期', null, '直播已过期', false, '这场直播没有开播，已过期'],
    ['expired', 'ready', '已过期', null, '直播已过期', false, '这场直播没有开播，已过期'],
    ['expired', 'generating', '已过期', null, '直播已过期', false, '这场直播没有开播，已过期'],
    ['expired', 'deleted', '已过期', null, '直播已过期', false, '这场直播没有开播，已过期'],
    ['expired', 'failed', '已过期', null, '直播已过期', false, '这场直播没有开播，已过期'],
    ['cancelled', 'none', '已取消', null, '直播已取消', false, '主播取消了这场直播'],
    ['cancelled', 'ready', '已取消', null, '直播已取消', false, '主播取消了这场直播'],
    ['cancelled', 'generating', '已取消', null, '直播已取消', false, '主播取消了这场直播'],
    ['cancelled', 'deleted', '已取消', null, '直播已取消', false, '主播取消了这场直播'],
    ['cancelled', 'failed', '已取消', null, '直播已取消', false, '主播取消了这场直播'],
  ])(
    '%s with replay %s: badge %s / %s, action %s (enabled: %s)',
    (status, replay, badge, replayBadge, label, enabled, hint) => {
      const { container } = render(<LiveCard live={aLive({ status, replay })} />);
      expect(badges(container)).toEqual(replayBadge ? [badge, replayBadge] : [badge]);
      const button = screen.getByRole('button');
      expect(button.textContent).toBe(label);
      expect((button as HTMLButtonElement).disabled).toBe(!enabled);
      if (hint) expect(screen.getByText(hint)).toBeTruthy();
      else expect(container.querySelector('.action__hint')).toBeNull();
    },
  );

  it('asks for the replay of a live that is still on: the action says there is none yet', () => {
    render(<LiveCard live={aLive({ status: 'living' })} replayAsked />);
    const button = screen.getByRole('button') as HTMLButtonElement;
    expect(button.textContent).toBe('暂无回放');
    expect(button.disabled).toBe(true);
    expect(screen.getByText('直播结束后才有回放')).toBeTruthy();
  });

  it('words the start time in local time with a fixed clock', () => {
    const startsAt = new Date(2025, 10, 28, 19, 30).toISOString();
    render(<LiveCard live={aLive({ status: 'reserved', startsAt, durationSeconds: 5400 })} />);
    expect(screen.getByText('今天 19:30 开播 · 预计 1小时30分钟')).toBeTruthy();
  });

  it('words the start time again at midnight while the page stays open', () => {
    jest.setSystemTime(new Date(2025, 10, 28, 23, 59, 30));
    const startsAt = new Date(2025, 10, 29, 9, 0).toISOString();
    const { container } = render(<LiveCard live={aLive({ status: 'reserved', startsAt, durationSeconds: 5400 })} />);
    const when = () => container.querySelector('.live-card__when')?.textContent;
    expect(when()).toBe('明天 09:00 开播 · 预计 1小时30分钟');
    act(() => jest.advanceTimersByTime(60_000));
    expect(when()).toBe('今天 09:00 开播 · 预计 1小时30分钟');
  });

  it('shows how long an ended live ran', () => {
    const startsAt = new Date(2025, 10, 27, 14, 0).toISOString();
    render(<LiveCard live={aLive({ status: 'ended', startsAt, durationSeconds: 2700, replay: 'ready' })} />);
    expect(screen.getByText('昨天 14:00 · 时长 45分钟')).toBeTruthy();
  });

  it('counts down to a reserved start within 24 hours, live', () => {
    const startsAt = new Date(NOW.getTime() + 3 * 3600_000 + 5_000).toISOString();
    render(<LiveCard live={aLive({ status: 'reserved', startsAt })} />);
    expect(screen.getByText('距开播 03:00:05')).toBeTruthy();
    act(() => jest.advanceTimersByTime(2000));
    expect(screen.getByText('距开播 03:00:03')).toBeTruthy();
  });

  it('has no countdown for a reserved live further away, or one that is not reserved', () => {
    const tomorrowEvening = new Date(2025, 10, 29, 19, 30).toISOString();
    const { container, rerender } = render(
      <LiveCard live={aLive({ status: 'reserved', startsAt: tomorrowEvening })} />,
    );
    expect(container.querySelector('.live-card__countdown')).toBeNull();
    rerender(<LiveCard live={aLive({ status: 'living', startsAt: new Date(NOW.getTime() + 60_000).toISOString() })} />);
    expect(container.querySelector('.live-card__countdown')).toBeNull();
  });

  it('shows the anchor and the counts that matter for the status', () => {
    const { container, rerender } = render(
      <LiveCard live={aLive({ status: 'living', onlineCount: 326, viewerCount: 12_345, anchorUserId: 'lisi' })} />,
    );
    const meta = () => Array.from(container.querySelectorAll('.live-card__meta-item')).map((el) => el.textContent);
    expect(meta()).toEqual(['主播 lisi', '326人在线', '1.2万人看过']);
    rerender(
      <LiveCard live={aLive({ status: 'reserved', subscribeCount: 40, viewerCount: 0, anchorUserId: 'lisi' })} />,
    );
    expect(meta()).toEqual(['主播 lisi', '40人预约']);
  });

  it('draws the cover from the live: gradient and first character', () => {
    const { container } = render(<LiveCard live={aLive({ livingId: 'lv_abc123', theme: '【预告】年度盛典' })} />);
    const cover = container.querySelector('.live-cover') as HTMLElement;
    expect(cover.style.backgroundImage).toContain('linear-gradient');
    expect(within(cover).getByText('年')).toBeTruthy();
  });

  it('says when the data may be old', () => {
    render(<LiveCard live={aLive({ stale: true })} />);
    expect(screen.getByText('信息可能有延迟')).toBeTruthy();
  });

  it('opens once per tap, whether on the card or on its button', () => {
    const onOpen = jest.fn();
    const live = aLive({ status: 'living' });
    const { container } = render(<LiveCard live={live} onOpen={onOpen} />);
    fireEvent.click(container.querySelector('.live-card__theme')!);
    fireEvent.click(screen.getByRole('button'));
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(onOpen).toHaveBeenCalledWith(live);
  });

  it('lets the page render the action, with the same primary action', () => {
    const renderAction = jest.fn(() => <span>custom</span>);
    render(<LiveCard live={aLive({ status: 'ended', replay: 'ready' })} variant="full" renderAction={renderAction} />);
    expect(screen.getByText('custom')).toBeTruthy();
    expect(renderAction).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'replay', label: '观看回放', replay: true }),
    );
  });
});
