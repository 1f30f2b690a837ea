import { useEffect, useRef } from 'react';
import { answerFromOpenTag, answerFromOpenTagError, type SubscribeAnswer } from '../../reminder/subscribe-answer';
import { OPEN_TAG_COVER } from '../launch-button/open-tag-cover';

export interface OpenSubscribeTagProps {
  /** The service account's template id (`template`; WeChat takes several, comma-separated: we ask for one). */
  template: string;
  /** What WeChat's prompt answered, read from the tag's `success` or `error` event. */
  onAnswer: (answer: SubscribeAnswer) => void;
}

/**
 * Tap target of WeChat's template: transparent and as large as the tag, because page CSS does not reach inside it.
 * The visible button underneath carries the label.
 */
const TEMPLATE =
  '<style>.hit{display:block;width:100%;height:100vh;min-height:48px;margin:0;padding:0;border:0;' +
  'background:transparent;opacity:0}</style><button class="hit" aria-label="开播提醒我"></button>';

/**
 * `<wx-open-subscribe>` laid over a `position: relative` button, as `OpenLaunchTag` is (the same React caveats:
 * `class`, and events through `addEventListener` on a ref). `success` carries `detail.subscribeDetails`, `error`
 * `detail.errCode` (service account 订阅通知 documentation; see `subscribe-answer.ts`).
 */
export function OpenSubscribeTag({ template, onAnswer }: OpenSubscribeTagProps) {
  const ref = useRef<HTMLElement>(null);
  const handlers = useRef({ template, onAnswer });
  handlers.current = { template, onAnswer };

  useEffect(() => {
    const tag = ref.current;
    if (!tag) return;
    const success = (e: Event) =>
      handlers.current.onAnswer(answerFromOpenTag((e as CustomEvent).detail, handlers.current.template));
    const error = (e: Event) => handlers.current.onAnswer(answerFromOpenTagError((e as CustomEvent).detail));
    tag.addEventListener('success', success);
    tag.addEventListener('error', error);
    return () => {
      tag.removeEventListener('success', success);
      tag.removeEventListener('error', error);
    };
  }, []);

  return (
    <wx-open-subscribe ref={ref} class="open-subscribe" template={template} style={OPEN_TAG_COVER}>
      <script type="text/wxtag-template" dangerouslySetInnerHTML={{ __html: TEMPLATE }} />
    </wx-open-subscribe>
  );
}
