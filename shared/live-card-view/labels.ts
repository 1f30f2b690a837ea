import type { LiveCard, LiveStatus } from '../live-card';

export const STATUS_LABEL: Record<LiveStatus, string> = {
  reserved: '预约中',
  living: '直播中',
  ended: '已结束',
  expired: '已过期',
  cancelled: '已取消',
};

/**
 * The replay badge: only an ended live with a ready replay announces one. Other replay states are explained by the
 * (disabled) action and its hint, so the cover does not repeat them.
 */
export function replayBadge({ status, replay }: Pick<LiveCard, 'status' | 'replay'>): string | undefined {
  return status === 'ended' && replay === 'ready' ? '可回放' : undefined;
}
