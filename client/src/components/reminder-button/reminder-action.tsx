import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Reminder } from '../../reminder/use-reminder';
import { REMINDER_WORDS } from '../../reminder/reminder-words';
import { ActionButton } from '../action-button';
import './reminder-action.css';

export interface ReminderActionProps {
  reminder: Reminder;
  /** The tap on the button while it may ask WeChat: must ask inside the tap (mini program). */
  onAsk?: () => void;
  /** Laid over the button while it may ask WeChat: the H5 open tag takes the tap itself. */
  overlay?: ReactNode;
  /** The button cannot ask yet (H5: the JS-SDK is still being configured). */
  waiting?: boolean;
}

/** The reminder's button, as both platforms draw it from the state of `useReminder`. */
export function ReminderAction({ reminder, onAsk, overlay, waiting = false }: ReminderActionProps) {
  const { phase, hint, hintTone } = reminder;
  if (phase === 'hidden') return null;
  let button: ReactNode;
  if (phase === 'subscribed') {
    button = <ActionButton size="small" label={REMINDER_WORDS.subscribed} disabled />;
  } else if (phase === 'unavailable') {
    button = <ActionButton size="small" label={REMINDER_WORDS.ask} disabled hint={hint} />;
  } else if (phase === 'saving') {
    button = <ActionButton size="small" label={REMINDER_WORDS.ask} loading />;
  } else if (phase === 'failed') {
    // The accept is held by WeChat: the retry only records it again, no new prompt.
    button = (
      <ActionButton size="small" label={REMINDER_WORDS.retry} hint={hint} hintTone="error" onClick={reminder.retry} />
    );
  } else {
    button = (
      <ActionButton
        size="small"
        label={REMINDER_WORDS.ask}
        loading={waiting}
        hint={hint}
        hintTone={hintTone}
        onClick={onAsk}
        overlay={waiting ? undefined : overlay}
      />
    );
  }
  // A live region: the answer to the viewer's tap (recorded, or why not) is read out where it appears.
  return (
    <View className="reminder" aria-live="polite">
      {button}
    </View>
  );
}
