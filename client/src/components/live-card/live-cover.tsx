import { Text, View } from '@tarojs/components';
import type { LiveCard } from '../../../../shared/live-card';
import { coverFor } from './cover';
import { STATUS_LABEL, replayBadge } from './labels';

/** The drawn cover with the status badge (and replay badge) on it. */
export function LiveCover({ live }: { live: LiveCard }) {
  const cover = coverFor(live);
  const replay = replayBadge(live);
  return (
    <View className="live-cover" style={{ backgroundImage: cover.background }}>
      <View className="live-cover__ring" />
      <Text className="live-cover__glyph">{cover.glyph}</Text>
      <View className="live-cover__badges">
        <View className={`live-badge live-badge--${live.status}`}>
          {live.status === 'living' && <View className="live-badge__dot" />}
          <Text>{STATUS_LABEL[live.status]}</Text>
        </View>
        {replay && (
          <View className="live-badge live-badge--replay">
            <Text>{replay}</Text>
          </View>
        )}
      </View>
    </View>
  );
}
