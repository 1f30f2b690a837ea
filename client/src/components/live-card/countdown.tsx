import { Text } from '@tarojs/components';
import { useNow } from '../../hooks/use-now';
import { COUNTDOWN_WINDOW_MS, countdownText } from '../../../../shared/live-card-view/countdown-text';

/**
 * Ticks every second inside the last 24 hours before a reserved start, otherwise once a minute; not at all while
 * the page is hidden ({@link useNow}).
 */
export function Countdown({ startsAt }: { startsAt: string }) {
  const start = Date.parse(startsAt);
  const near = Number.isFinite(start) && start - Date.now() <= COUNTDOWN_WINDOW_MS + 60_000;
  const now = useNow(near ? 1000 : 60_000);
  const text = countdownText(startsAt, now);
  return text ? <Text className="live-card__countdown">{text}</Text> : null;
}
