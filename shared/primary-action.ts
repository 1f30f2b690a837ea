import type { LiveCard } from './live-card';
import { watchAccess, type NotWatchableReason } from './watch-access';

export type PrimaryAction =
  | { kind: 'enter' | 'watch' | 'replay'; label: string; enabled: true; replay: boolean }
  | { kind: 'disabled'; label: string; enabled: false; reason: NotWatchableReason; hint: string };

const DISABLED: Record<NotWatchableReason, { label: string; hint: string }> = {
  expired: { label: '直播已过期', hint: '这场直播没有开播，已过期' },
  cancelled: { label: '直播已取消', hint: '主播取消了这场直播' },
  no_replay: { label: '直播已结束', hint: '这场直播没有回放' },
  replay_generating: { label: '回放生成中', hint: '回放正在生成，请稍后再来' },
  replay_deleted: { label: '回放已删除', hint: '这场直播的回放已被删除' },
  replay_failed: { label: '回放不可用', hint: '回放生成失败' },
  replay_not_available: { label: '暂无回放', hint: '直播结束后才有回放' },
};

/** The one button a live card shows; both the mini program and H5 render exactly this. */
export function primaryAction(card: Pick<LiveCard, 'status' | 'replay'>, replayAsked = false): PrimaryAction {
  const access = watchAccess(card, replayAsked);
  if (!access.watchable) return { kind: 'disabled', enabled: false, reason: access.reason, ...DISABLED[access.reason] };
  if (access.replay) return { kind: 'replay', label: '观看回放', enabled: true, replay: true };
  if (card.status === 'living') return { kind: 'watch', label: '进入直播', enabled: true, replay: false };
  return { kind: 'enter', label: '进入直播间', enabled: true, replay: false };
}
