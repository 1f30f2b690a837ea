import { lazy, Suspense } from 'react';
import { useWechatEnv } from '../../launch/wechat-env';
import type { ReminderButtonProps } from './types';

/** The open tag's code as a chunk of its own: only pages in WeChat load it. */
const WechatReminder = lazy(() =>
  import(/* webpackChunkName: "reminder-wechat" */ './wechat-reminder').then((m) => ({ default: m.WechatReminder })),
);

/**
 * H5: only WeChat's browser has the service account's `wx-open-subscribe` open tag; anywhere else (a phone browser,
 * WeCom's browser, a mini program's web-view, a desktop) a reminder cannot be asked for, so there is no button.
 */
export default function ReminderButton({ livingId }: ReminderButtonProps) {
  const env = useWechatEnv();
  if (env !== 'wechat') return null;
  return (
    <Suspense fallback={null}>
      <WechatReminder livingId={livingId} />
    </Suspense>
  );
}
