import type { StaffWatchStats } from '../../shared/staff-api';
import type { WecomWatcher } from '../wecom/watch-stat-api';

/** Watch-time buckets of the histogram, in minutes: [from, to). */
export const WATCH_TIME_BUCKETS = [
  { label: '< 1 分钟', fromMinutes: 0, toMinutes: 1 },
  { label: '1–5 分钟', fromMinutes: 1, toMinutes: 5 },
  { label: '5–15 分钟', fromMinutes: 5, toMinutes: 15 },
  { label: '15–30 分钟', fromMinutes: 15, toMinutes: 30 },
  { label: '30–60 分钟', fromMinutes: 30, toMinutes: 60 },
  { label: '≥ 60 分钟', fromMinutes: 60, toMinutes: Infinity },
] as const;

/** How many inviters the leaderboard lists. */
const LEADERBOARD_SIZE = 20;

/** What staff are shown of a live's watchers (the contract's `StaffWatchStats`, less when WeCom was asked). */
export type WatchAggregates = Omit<StaffWatchStats, 'fetchedAt'>;

/** The `p`-quantile (nearest rank) of sorted numbers; 0 for none. */
const quantile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

/** What staff want to know about one live's audience, from WeCom's list of its watchers. */
export function aggregateWatchers(watchers: readonly WecomWatcher[]): WatchAggregates {
  const times = watchers.map((w) => w.watchSeconds).sort((a, b) => a - b);
  const byInviter = new Map<string, { viewers: number; watchSeconds: number }>();
  for (const w of watchers) {
    if (!w.invitedBy) continue;
    const entry = byInviter.get(w.invitedBy) ?? { viewers: 0, watchSeconds: 0 };
    entry.viewers++;
    entry.watchSeconds += w.watchSeconds;
    byInviter.set(w.invitedBy, entry);
  }
  return {
    viewers: watchers.length,
    split: {
      member: watchers.filter((w) => w.kind === 'member').length,
      wechat: watchers.filter((w) => w.kind === 'wechat').length,
      wecomExternal: watchers.filter((w) => w.kind === 'wecom_external').length,
    },
    watchSeconds: { total: times.reduce((s, t) => s + t, 0), median: quantile(times, 0.5), p90: quantile(times, 0.9) },
    histogram: WATCH_TIME_BUCKETS.map((b) => ({
      label: b.label,
      viewers: times.filter((t) => t >= b.fromMinutes * 60 && t < b.toMinutes * 60).length,
    })),
    commenters: watchers.filter((w) => w.commented).length,
    micSpeakers: watchers.filter((w) => w.spoke).length,
    inviters: [...byInviter]
      .map(([inviter, e]) => ({ inviter, ...e }))
      .sort((a, b) => b.viewers - a.viewers || b.watchSeconds - a.watchSeconds || a.inviter.localeCompare(b.inviter))
      .slice(0, LEADERBOARD_SIZE),
  };
}
