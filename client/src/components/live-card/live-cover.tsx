import { Text, View } from '@tarojs/components';
import type { LiveCardView } from '../../../../shared/live-card-view';

/** The drawn cover with the status badge (and replay badge) on it. */
export function LiveCover({ view }: { view: LiveCardView }) {
  return (
    <View className="live-cover" style={{ backgroundImage: view.cover.background }}>
      <View className="live-cover__ring" />
      <Text className="live-cover__glyph">{view.cover.glyph}</Text>
      <View className="live-cover__badges">
        <View className={`live-badge live-badge--${view.status}`}>
          {view.status === 'living' && <View className="live-badge__dot" />}
          <Text>{view.statusLabel}</Text>
        </View>
        {view.replayBadge && (
          <View className="live-badge live-badge--replay">
            <Text>{view.replayBadge}</Text>
          </View>
        )}
      </View>
    </View>
  );
}
