import { useEffect, useState } from 'react';
import { useReminder, type ReminderSession } from '../../reminder/use-reminder';
import { useServices } from '../../services';
import { useOpenTagsUnusable } from '../launch-button/open-launch-tag';
import { OpenSubscribeTag } from './open-subscribe-tag';
import { ReminderAction } from './reminder-action';

/** H5's session is the `wlv_session` cookie, sent with every same-origin request: no token to add. */
const cookieSession: ReminderSession = (call) => call();

export interface WechatReminderProps {
  livingId: string;
}

/**
 * H5 inside WeChat: once the JS-SDK is configured (its `openTagList` names `wx-open-subscribe` when the service
 * account has a reminder template) and the BFF named the template, the button is covered by the
 * `wx-open-subscribe` open tag, which shows WeChat's prompt on its own tap; its answer is recorded. When WeChat
 * refuses the JS-SDK or open tags, the button is not shown: there is no other way to ask.
 */
export function WechatReminder({ livingId }: WechatReminderProps) {
  const { h5Launcher } = useServices();
  const tagsUnusable = useOpenTagsUnusable();
  const [sdk, setSdk] = useState<'waiting' | 'ready' | 'failed'>('waiting');
  const reminder = useReminder(livingId, cookieSession);

  useEffect(() => {
    let cancelled = false;
    h5Launcher.sdkReady().then(
      () => !cancelled && setSdk('ready'),
      () => !cancelled && setSdk('failed'),
    );
    return () => {
      cancelled = true;
    };
  }, [h5Launcher]);

  if (tagsUnusable || sdk === 'failed') return null;
  const { templateId } = reminder;
  return (
    <ReminderAction
      reminder={reminder}
      waiting={sdk === 'waiting'}
      overlay={
        // A new tag for a new template: WeChat reads the attributes when it sets a tag up.
        templateId && <OpenSubscribeTag key={templateId} template={templateId} onAnswer={reminder.answered} />
      }
    />
  );
}
