import type { ReminderButtonProps } from './types';

/**
 * Platforms without their own variant (`reminder-button.weapp.tsx`, `reminder-button.h5.tsx`) have no WeChat
 * subscribe messages to ask for: no button.
 */
export default function ReminderButton(_props: ReminderButtonProps) {
  return null;
}
