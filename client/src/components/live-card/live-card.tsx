import { Text, View } from '@tarojs/components';
import { liveCardView } from '../../../../shared/live-card-view';
import { useNow } from '../../hooks/use-now';
import { ActionButton } from '../action-button';
import { pressable } from '../pressable';
import { Countdown } from './countdown';
import { LiveCover } from './live-cover';
import type { LiveCardProps } from './types';
import './live-card.css';

/** How often the start time in words is worded again, so `明天 09:00` turns into `今天 09:00` at midnight. */
const WHEN_LINE_EVERY_MS = 60_000;

/**
 * One live, as the shared `liveCardView()` words it (the BFF's server-rendered first screen draws the same view):
 * drawn cover with status and replay badges, theme, start time in words (plus a ticking countdown shortly before a
 * reserved start), anchor and counts, and the primary action.
 */
export function LiveCard({ live, replayAsked = false, variant = 'compact', onOpen, renderAction }: LiveCardProps) {
  const now = useNow(WHEN_LINE_EVERY_MS);
  const view = liveCardView(live, { now, replayAsked });
  const { action } = view;
  const open = onOpen && (() => onOpen(live));
  return (
    <View className={`live-card live-card--${variant}`} onClick={variant === 'compact' ? open : undefined}>
      <LiveCover view={view} />
      <View className="live-card__body">
        {/* A compact card opens on tap; by keyboard through its action, or, when that is disabled, its theme. */}
        <Text
          className="live-card__theme"
          {...(variant === 'compact' && !action.enabled && open ? pressable(open, { role: 'link' }) : {})}
        >
          {view.theme}
        </Text>
        <Text className="live-card__when">{view.when}</Text>
        {live.status === 'reserved' && <Countdown startsAt={live.startsAt} />}
        <View className="live-card__meta">
          {view.meta.map((part) => (
            <Text key={part} className="live-card__meta-item">
              {part}
            </Text>
          ))}
        </View>
        {view.staleNote && <Text className="live-card__stale">{view.staleNote}</Text>}
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
