import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReminderState } from '../../../shared/api';
import { isApiError } from '../api/api-error';
import { useServices } from '../services';
import { REMINDER_WORDS, saveErrorHint } from './reminder-words';
import type { SubscribeAnswer } from './subscribe-answer';

/**
 * Runs a BFF call with the viewer's session: the mini program passes its token (`weappSession.withToken`), H5 relies
 * on the session cookie and calls with none.
 */
export type ReminderSession = <T>(call: (token?: string) => Promise<T>) => Promise<T>;

/**
 * - `hidden`: nothing to offer (still loading, no template for this platform, the live is not reserved, no session,
 *   the BFF could not say): no button at all, so a reminder never stands in the way of the live itself.
 * - `ready`: the button asks WeChat for `templateId`.
 * - `saving`: the viewer accepted; the BFF is recording it.
 * - `subscribed`: a reminder is recorded for this live's start.
 * - `failed`: an accept could not be recorded; the button retries the record (WeChat's accept is kept meanwhile).
 * - `unavailable`: WeChat filtered the template, or the BFF refused it: asking again would not help.
 */
export type ReminderPhase = 'hidden' | 'ready' | 'saving' | 'subscribed' | 'failed' | 'unavailable';

interface ReminderStateView {
  phase: ReminderPhase;
  /** The template to ask for, once the BFF named one. */
  templateId?: string;
  hint?: string;
  hintTone?: 'muted' | 'error';
}

export interface Reminder extends ReminderStateView {
  /** What WeChat's prompt answered; an accept is recorded at once. */
  answered(answer: SubscribeAnswer): void;
  /** Records the kept accept again after a failure (`failed`). */
  retry(): void;
}

const HIDDEN: ReminderStateView = { phase: 'hidden' };

function fromBff(state: ReminderState | undefined): ReminderStateView {
  if (!state || typeof state.templateId !== 'string' || state.templateId === '') return HIDDEN;
  return { phase: state.subscribed === true ? 'subscribed' : 'ready', templateId: state.templateId };
}

/**
 * The viewer's 开播提醒 for a reserved live (`livingId`; `undefined` asks nothing). The BFF says which template to ask
 * for and whether a reminder is already recorded; the caller asks WeChat inside the viewer's tap (the prompt shows
 * only there, so the template must be known before the tap) and hands the answer to {@link Reminder.answered}.
 * Asking again is harmless: the BFF keeps one reminder per viewer and live.
 */
export function useReminder(livingId: string | undefined, session: ReminderSession): Reminder {
  const { api } = useServices();
  const [view, setView] = useState<ReminderStateView>(HIDDEN);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  /** Bumped per live: an answer for a live the page no longer shows is dropped. */
  const generation = useRef(0);

  useEffect(() => {
    const id = ++generation.current;
    setView(HIDDEN);
    if (!livingId) return;
    sessionRef
      .current((token) => api.reminder(livingId, token))
      .then(
        (state) => id === generation.current && setView(fromBff(state)),
        // No session (H5 before its sign-in), a live the BFF would not look up, a blip: the reminder stays out of
        // the way; the next visit of the page asks again.
        () => id === generation.current && setView(HIDDEN),
      );
  }, [api, livingId]);

  const save = useCallback(
    (templateId: string) => {
      if (!livingId) return;
      const id = generation.current;
      setView({ phase: 'saving', templateId });
      sessionRef
        .current((token) => api.remind(livingId, templateId, token))
        .then(
          (state) => id === generation.current && setView(fromBff(state)),
          (error: unknown) => {
            if (id !== generation.current) return;
            // 409: the live is not reserved any more (it started, was cancelled): nothing to remind of.
            if (isApiError(error) && error.status === 409) return setView(HIDDEN);
            // 400: the BFF does not take this template (its configuration changed under the page).
            if (isApiError(error) && error.status === 400) {
              return setView({ phase: 'unavailable', templateId, hint: REMINDER_WORDS.unavailable });
            }
            setView({ phase: 'failed', templateId, hint: saveErrorHint(error), hintTone: 'error' });
          },
        );
    },
    [api, livingId],
  );

  const templateId = view.templateId;
  const answered = useCallback(
    (answer: SubscribeAnswer) => {
      if (!templateId) return;
      if (answer === 'accept') return save(templateId);
      if (answer === 'filter') return setView({ phase: 'unavailable', templateId, hint: REMINDER_WORDS.unavailable });
      const hint =
        answer === 'reject'
          ? REMINDER_WORDS.rejected
          : answer === 'failed'
            ? REMINDER_WORDS.promptFailed
            : REMINDER_WORDS.banned;
      setView({ phase: 'ready', templateId, hint, hintTone: answer === 'failed' ? 'error' : 'muted' });
    },
    [save, templateId],
  );
  const retry = useCallback(() => {
    if (templateId) save(templateId);
  }, [save, templateId]);

  return { ...view, answered, retry };
}
