import { Button, Text, View } from '@tarojs/components';
import { pressable } from '../pressable';
import './state-view.css';

export interface StateViewProps {
  /** Sets the icon and its colour. */
  kind: 'empty' | 'error' | 'not-found';
  title: string;
  description?: string;
  actionLabel?: string;
  onAction?: () => void;
}

const ICON: Record<StateViewProps['kind'], string> = { empty: '空', error: '!', 'not-found': '?' };

/** A whole-page message: nothing to show, something failed, or the live does not exist. */
export function StateView({ kind, title, description, actionLabel, onAction }: StateViewProps) {
  return (
    <View className={`state-view state-view--${kind}`}>
      <View className="state-view__icon">
        <Text>{ICON[kind]}</Text>
      </View>
      <Text className="state-view__title">{title}</Text>
      {description && <Text className="state-view__description">{description}</Text>}
      {actionLabel && onAction && (
        <Button className="state-view__action" onClick={onAction} {...pressable(onAction)}>
          {actionLabel}
        </Button>
      )}
    </View>
  );
}
