import type { KeyboardEvent } from 'react';

/** What {@link pressable} spreads onto a Taro component that acts as a button. */
export interface PressableProps {
  role?: 'button' | 'link';
  tabIndex?: number;
  'aria-disabled'?: boolean;
  onKeyDown?: (event: KeyboardEvent) => void;
}

/** Whether the button can be pressed right now; a disabled one is announced so and ignores its keys. */
export interface PressableOptions {
  disabled?: boolean;
  /** `link` for what goes to another page rather than acting here (a card's theme opening its live page). */
  role?: 'button' | 'link';
}

/**
 * Mini program: Taro's `Button` is WeChat's native button, already a button to its screen reader, and there is no
 * keyboard to serve, so nothing is added. The H5 variant (`pressable.h5.ts`) does the work.
 */
export function pressable(_onPress: (() => void) | undefined, _options: PressableOptions = {}): PressableProps {
  return {};
}
