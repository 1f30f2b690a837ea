/** Same props on every platform; `reminder-button.tsx` resolves to the platform's file at build time. */
export interface ReminderButtonProps {
  /** A reserved live (the page shows the button for nothing else). */
  livingId: string;
}
