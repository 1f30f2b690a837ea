export { default as ReminderButton } from './reminder-button';
export type { ReminderButtonProps } from './types';
