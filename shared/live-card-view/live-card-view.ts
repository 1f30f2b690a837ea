import type { LiveCard, LiveStatus } from '../live-card';
import { primaryAction, type PrimaryAction } from '../primary-action';
import { countdownText } from './countdown-text';
import { coverFor, type CoverStyle } from './cover';
import { formatCount, formatDuration } from './format';
import { STATUS_LABEL, replayBadge } from './labels';
import { formatStartTime } from './start-time';

/** What the page shows when a live has no description. */
export const NO_DESCRIPTION = '主播还没有填写简介';

/** Shown on a card that is WeCom's last good copy while WeCom fails. */
export const STALE_NOTE = '信息可能有延迟';

/**
 * Everything a live card says, worded: the Taro component (mini program and H5) and the BFF's server-rendered first
 * screen both draw exactly this, so the HTML that arrives with the page and the app that takes it over agree.
 */
export interface LiveCardView {
  livingId: string;
  status: LiveStatus;
  cover: CoverStyle;
  /** `预约中`, `直播中`… */
  statusLabel: string;
  /** `可回放` on an ended live with a ready replay. */
  replayBadge?: string;
  theme: string;
  /** `今天 19:30 开播 · 预计 1小时30分钟`, `今天 12:38 开始`, `11月27日 14:00 · 时长 2小时`. */
  when: string;
  /** `距开播 02:15:09` or `即将开播` for a reserved live within a day of its start. */
  countdown?: string;
  /** `主播 lifang`, `1268人在线`, `3421人看过`… */
  meta: string[];
  /** {@link STALE_NOTE} when WeCom is failing and this is the last good copy. */
  staleNote?: string;
  action: PrimaryAction;
  /** The description, or {@link NO_DESCRIPTION}. */
  description: string;
}

export interface LiveCardViewOptions {
  /** When the card is drawn (ms since the epoch). */
  now: number;
  /** The viewer asked for the replay (`?replay=1`). */
  replayAsked?: boolean;
  /** The wall clock the times are told on (IANA name); the device's own when not given. */
  timeZone?: string;
}

function whenLine(live: LiveCard, now: Date, timeZone?: string): string {
  const when = formatStartTime(live.startsAt, now, timeZone);
  const duration = formatDuration(live.durationSeconds);
  switch (live.status) {
    case 'reserved':
      return [`${when} 开播`, duration && `预计 ${duration}`].filter(Boolean).join(' · ');
    case 'living':
      return `${when} 开始`;
    case 'ended':
      return [when, duration && `时长 ${duration}`].filter(Boolean).join(' · ');
    default:
      return when;
  }
}

function metaLine(live: LiveCard): string[] {
  const parts = [`主播 ${live.anchorUserId}`];
  if (live.status === 'living') parts.push(`${formatCount(live.onlineCount)}人在线`);
  if (live.status === 'reserved' && live.subscribeCount > 0) parts.push(`${formatCount(live.subscribeCount)}人预约`);
  if (live.viewerCount > 0) parts.push(`${formatCount(live.viewerCount)}人看过`);
  return parts;
}

/** What `live` says at `now`, for the viewer who asked (or not) for the replay. */
export function liveCardView(
  live: LiveCard,
  { now, replayAsked = false, timeZone }: LiveCardViewOptions,
): LiveCardView {
  return {
    livingId: live.livingId,
    status: live.status,
    cover: coverFor(live),
    statusLabel: STATUS_LABEL[live.status],
    replayBadge: replayBadge(live),
    theme: live.theme,
    when: whenLine(live, new Date(now), timeZone),
    countdown: live.status === 'reserved' ? countdownText(live.startsAt, now) : undefined,
    meta: metaLine(live),
    staleNote: live.stale ? STALE_NOTE : undefined,
    action: primaryAction(live, replayAsked),
    description: live.description.trim() || NO_DESCRIPTION,
  };
}
