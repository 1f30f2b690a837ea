import { ActionButton } from '../action-button';
import type { LaunchButtonProps } from './types';

/**
 * Platforms without their own variant (`launch-button.weapp.tsx`, `launch-button.h5.tsx`) cannot open WeCom's live
 * mini program: the action shows, disabled, with the way out.
 */
export default function LaunchButton({ action }: LaunchButtonProps) {
  return <ActionButton label={action.label} disabled hint={action.enabled ? '请在微信中打开' : action.hint} />;
}
