import { formatCount, formatDuration } from '../../client/src/components/live-card/format';
import { countdownText } from '../../client/src/components/live-card/countdown-text';
import { coverFor } from '../../client/src/components/live-card/cover';
import { STATUS_LABEL, replayBadge } from '../../client/src/components/live-card/labels';
import { formatStartTime } from '../../client/src/components/live-card/start-time';
import type { LiveCard } from '../../shared/live-card';
import { primaryAction } from '../../shared/primary-action';

/** The time zone of the bench's phones (`newPhoneContext`): the start time must read as it reads on them. */
const VIEWER_TIME_ZONE = 'Asia/Shanghai';

/** Every word a live card paints, worded as the app words them, plus how its cover is drawn. */
export interface CardWords {
  cover: { background: string; glyph: string };
  /** The status badge, and the replay badge when there is one. */
  badges: string[];
  theme: string;
  /** Start time in words, with the expected or actual duration. */
  when: string;
  /** A reserved live's countdown, inside its last day. */
  countdown?: string;
  /** Anchor and counts. */
  meta: string[];
  stale?: string;
  /** The label of the card's one action. */
  action: string;
  /** The live page's 直播简介 section under its card; a home card does not show it. */
  description?: { title: string; text: string };
}

/**
 * The words `live` shows on a card at `now`: the cover, badges, theme, time line, anchor and counts, the action's
 * label (not the launch button's guidance around it, which differs by browser), and with `withDescription` the
 * live page's description section. Composed from the same pure helpers the card renders with; the two compositions
 * of `live-card.tsx` (`whenLine`, `metaLine`) are repeated here, because that file needs Taro and cannot load in
 * Node.
 */
export function cardWords(live: LiveCard, { withDescription = false, now = new Date() } = {}): CardWords {
  const when = inTimeZone(VIEWER_TIME_ZONE, () => formatStartTime(live.startsAt, now));
  const duration = formatDuration(live.durationSeconds);
  const whenLine = {
    reserved: [`${when} 开播`, duration && `预计 ${duration}`].filter(Boolean).join(' · '),
    living: `${when} 开始`,
    ended: [when, duration && `时长 ${duration}`].filter(Boolean).join(' · '),
    expired: when,
    cancelled: when,
  }[live.status];

  const meta = [`主播 ${live.anchorUserId}`];
  if (live.status === 'living') meta.push(`${formatCount(live.onlineCount)}人在线`);
  if (live.status === 'reserved' && live.subscribeCount > 0) meta.push(`${formatCount(live.subscribeCount)}人预约`);
  if (live.viewerCount > 0) meta.push(`${formatCount(live.viewerCount)}人看过`);

  const replay = replayBadge(live);
  return {
    cover: coverFor(live),
    badges: replay ? [STATUS_LABEL[live.status], replay] : [STATUS_LABEL[live.status]],
    theme: live.theme,
    when: whenLine,
    countdown: live.status === 'reserved' ? countdownText(live.startsAt, now.getTime()) : undefined,
    meta,
    stale: live.stale ? '信息可能有延迟' : undefined,
    action: primaryAction(live).label,
    description: withDescription
      ? { title: '直播简介', text: live.description.trim() || '主播还没有填写简介' }
      : undefined,
  };
}

/** Runs `work` with Node's local time in `zone` (Node applies a change of `TZ` at once), then restores it. */
function inTimeZone<T>(zone: string, work: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return work();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
