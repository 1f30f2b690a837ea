import { useEffect, useRef, useState } from 'react';
import { OPEN_TAG_COVER } from './open-tag-cover';

/** `e.detail` of the open tag's events; a failed launch is `{ errMsg: 'launch:fail' }`, some clients send `{}`. */
export type OpenTagDetail = { errMsg?: string } | undefined;

export interface OpenLaunchTagProps {
  /** Original id (原始 id) of the mini program, `launch.username`. */
  username: string;
  /** `launch.path`, already URL-encoded by the BFF. */
  path: string;
  onReady?: () => void;
  onLaunch?: () => void;
  onError?: (detail: OpenTagDetail) => void;
}

/**
 * Tap target of WeChat's template: transparent and as large as the tag, because page CSS does not reach inside it.
 * The visible button underneath carries the label.
 */
const TEMPLATE =
  '<style>.hit{display:block;width:100%;height:100vh;min-height:48px;margin:0;padding:0;border:0;' +
  'background:transparent;opacity:0}</style><button class="hit" aria-label="进入直播"></button>';

/**
 * `<wx-open-launch-weapp>` laid over a `position: relative` button. React passes its attributes through, but it
 * would turn `className` into a literal `classname` attribute and drop `onLaunch`/`onError`: hence `class` and
 * `addEventListener` on a ref (WeChat's open-tag documentation). `WeixinOpenTagsError` (tags unusable on the whole
 * page) is the caller's to watch: it may fire before any tag is mounted (`useOpenTagsUnusable`).
 */
export function OpenLaunchTag({ username, path, onReady, onLaunch, onError }: OpenLaunchTagProps) {
  const ref = useRef<HTMLElement>(null);
  const handlers = useRef({ onReady, onLaunch, onError });
  handlers.current = { onReady, onLaunch, onError };

  useEffect(() => {
    const tag = ref.current;
    if (!tag) return;
    const ready = () => handlers.current.onReady?.();
    const launch = () => handlers.current.onLaunch?.();
    const error = (e: Event) => handlers.current.onError?.((e as CustomEvent<OpenTagDetail>).detail);
    tag.addEventListener('ready', ready);
    tag.addEventListener('launch', launch);
    tag.addEventListener('error', error);
    return () => {
      tag.removeEventListener('ready', ready);
      tag.removeEventListener('launch', launch);
      tag.removeEventListener('error', error);
    };
  }, []);

  return (
    <wx-open-launch-weapp ref={ref} class="open-launch" username={username} path={path} style={OPEN_TAG_COVER}>
      <script type="text/wxtag-template" dangerouslySetInnerHTML={{ __html: TEMPLATE }} />
    </wx-open-launch-weapp>
  );
}

/**
 * Whether WeChat said open tags cannot be used on this page (`WeixinOpenTagsError` on `document`: too old a WeChat,
 * a page not allowed to use them). Listens from mount, since it can fire while `wx.config` is still running.
 */
export function useOpenTagsUnusable(): boolean {
  const [unusable, setUnusable] = useState(false);
  useEffect(() => {
    const on = () => setUnusable(true);
    document.addEventListener('WeixinOpenTagsError', on);
    return () => document.removeEventListener('WeixinOpenTagsError', on);
  }, []);
  return unusable;
}
