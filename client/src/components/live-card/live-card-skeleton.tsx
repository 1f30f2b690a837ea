import { View } from '@tarojs/components';
import './live-card.css';
import './live-card-skeleton.css';

/** Grey stand-in with the card's shape while lives load. */
export function LiveCardSkeleton({ variant = 'compact' }: { variant?: 'compact' | 'full' }) {
  return (
    // Shapes only: the list or page around it says it is loading (`role="status"`, `aria-busy`).
    <View className={`live-card live-card--${variant} skeleton`} aria-hidden="true">
      <View className="live-cover skeleton__block" />
      <View className="live-card__body">
        <View className="skeleton__line skeleton__line--title" />
        <View className="skeleton__line skeleton__line--short" />
        <View className="skeleton__line skeleton__line--shorter" />
      </View>
    </View>
  );
}
