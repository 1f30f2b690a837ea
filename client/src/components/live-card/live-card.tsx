import { Text, View } from '@tarojs/components';
import type { LiveCard as Live } from '../../../../shared/live-card';
import { primaryAction } from '../../../../shared/primary-action';
import { useNow } from '../../hooks/use-now';
import { ActionButton } from '../action-button';
import { Countdown } from './countdown';
import { formatCount, formatDuration } from './format';
import { LiveCover } from './live-cover';
import { formatStartTime } from './start-time';
import type { LiveCardProps } from './types';
import './live-card.css';

/** How often the start time in words is worded again, so `明天 09:00` turns into `今天 09:00` at midnight. */
const WHEN_LINE_EVERY_MS = 60_000;

function whenLine(live: Live, now: Date): string {
  const when = formatStartTime(live.startsAt, now);
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

function metaLine(live: Live): string[] {
  const parts = [`主播 ${live.anchorUserId}`];
  if (live.status === 'living') parts.push(`${formatCount(live.onlineCount)}人在线`);
  if (live.status === 'reserved' && live.subscribeCount > 0) parts.push(`${formatCount(live.subscribeCount)}人预约`);
  if (live.viewerCount > 0) parts.push(`${formatCount(live.viewerCount)}人看过`);
  return parts;
}

/**
 * One live: drawn cover with status and replay badges, theme, start time in words (plus a countdown shortly before
 * a reserved start), anchor and counts, and the primary action from the shared `primaryAction()`.
 */
export function LiveCard({ live, replayAsked = false, variant = 'compact', onOpen, renderAction }: LiveCardProps) {
  const action = primaryAction(live, replayAsked);
  const open = onOpen && (() => onOpen(live));
  const now = useNow(WHEN_LINE_EVERY_MS);
  return (
    <View className={`live-card live-card--${variant}`} onClick={variant === 'compact' ? open : undefined}>
      <LiveCover live={live} />
      <View className="live-card__body">
        <Text className="live-card__theme">{live.theme}</Text>
        <Text className="live-card__when">{whenLine(live, new Date(now))}</Text>
        {live.status === 'reserved' && <Countdown startsAt={live.startsAt} />}
        <View className="live-card__meta">
          {metaLine(live).map((part) => (
            <Text key={part} className="live-card__meta-item">
              {part}
            </Text>
          ))}
        </View>
        {live.stale && <Text className="live-card__stale">信息可能有延迟</Text>}
        <View className="live-card__action">
          {renderAction ? (
            renderAction(action)
          ) : (
            <ActionButton
              size={variant === 'compact' ? 'small' : 'large'}
              label={action.label}
              disabled={!action.enabled}
              hint={action.enabled ? undefined : action.hint}
              onClick={open}
            />
          )}
        </View>
      </View>
    </View>
  );
}
