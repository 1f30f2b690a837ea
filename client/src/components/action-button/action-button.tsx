import { Button, Text, View } from '@tarojs/components';
import { pressable } from '../pressable';
import type { ActionButtonProps } from './types';
import './action-button.css';

type Tap = { stopPropagation?: () => void };

/** The one button style of the app; the card and every launch variant render through it. */
export function ActionButton({
  label,
  disabled = false,
  loading = false,
  hint,
  hintTone = 'muted',
  size = 'large',
  onClick,
  secondary,
  overlay,
}: ActionButtonProps) {
  // A card opens on tap too: the button's own tap must not also open it.
  const tap = (e: Tap) => {
    e.stopPropagation?.();
    if (!disabled && !loading) onClick?.();
  };
  const tapSecondary = (e: Tap) => {
    e.stopPropagation?.();
    secondary?.onClick();
  };
  const state = disabled ? 'action__button--disabled' : loading ? 'action__button--loading' : '';
  // Under an overlay the overlay takes the press (the open tag holds its own button): this one is only its look.
  const keys = overlay ? {} : pressable(onClick, { disabled: disabled || loading });
  return (
    <View className={`action action--${size}`}>
      <View className="action__slot">
        {/* Own spinner, not Button's `loading`: Taro's H5 button fetches its spinner image from a third-party CDN. */}
        <Button className={`action__button ${state}`} disabled={disabled || loading} onClick={tap} {...keys}>
          {loading && <View className="action__spinner" />}
          {label}
        </Button>
        {overlay}
      </View>
      {(hint || secondary) && (
        <View className="action__footer">
          {hint && <Text className={`action__hint action__hint--${hintTone}`}>{hint}</Text>}
          {secondary && (
            <Text className="action__link" onClick={tapSecondary} {...pressable(secondary.onClick)}>
              {secondary.label}
            </Text>
          )}
        </View>
      )}
    </View>
  );
}
