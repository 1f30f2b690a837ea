import Taro from '@tarojs/taro';
import { answerFromPrompt, answerFromPromptFailure } from '../../reminder/subscribe-answer';
import { useReminder } from '../../reminder/use-reminder';
import { useServices } from '../../services';
import { ReminderAction } from './reminder-action';
import type { ReminderButtonProps } from './types';

/**
 * Mini program: the template is loaded with the page (with silent login), so the tap calls
 * `requestSubscribeMessage` at once; the viewer's answer is then recorded by the BFF (`useReminder`).
 */
export default function ReminderButton({ livingId }: ReminderButtonProps) {
  const { weappSession } = useServices();
  const reminder = useReminder(livingId, weappSession.withToken);
  const ask = () => {
    const { templateId, answered } = reminder;
    if (!templateId) return;
    // Called synchronously in the tap, nothing awaited before it: WeChat shows the prompt only from a tap (base
    // library ≥ 2.8.2), and work awaited first loses the gesture. Taro's typing wants `entityIds` (Alipay's) too.
    Taro.requestSubscribeMessage({ tmplIds: [templateId] } as Taro.requestSubscribeMessage.Option).then(
      (result) => answered(answerFromPrompt(result, templateId)),
      (failure: unknown) => answered(answerFromPromptFailure(failure)),
    );
  };
  return <ReminderAction reminder={reminder} onAsk={ask} />;
}
