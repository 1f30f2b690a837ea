import type { PressableOptions, PressableProps } from './pressable';
import './pressable.css';

/** The keys a native button answers to (a link: Enter only). */
const PRESS_KEYS = { button: new Set(['Enter', ' ']), link: new Set(['Enter']) };

/**
 * H5: Taro's `Button` renders a `<div>` and `Text` a `<span>`: neither reachable with Tab, nor announced as a
 * button, nor pressed by a key. Spread onto one, these props make it a button as a native one is: in the Tab order,
 * `role="button"`, pressed (`onPress`) with Enter or Space. A disabled one is announced as disabled, leaves the Tab
 * order and is never pressed. The focus ring comes with it (`pressable.css`).
 */
export function pressable(
  onPress: (() => void) | undefined,
  { disabled = false, role = 'button' }: PressableOptions = {},
): PressableProps {
  return {
    role,
    tabIndex: disabled ? undefined : 0,
    'aria-disabled': disabled || undefined,
    onKeyDown: (event) => {
      if (!PRESS_KEYS[role].has(event.key)) return;
      // The key is the button's alone: Space would also scroll the page, and a card around the button opens on
      // its own tap.
      event.preventDefault();
      event.stopPropagation();
      if (!disabled && !event.repeat) onPress?.();
    },
  };
}
