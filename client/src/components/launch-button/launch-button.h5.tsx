import { useWechatEnv } from '../../launch/wechat-env';
import { liveShortLink } from '../../routes';
import { ActionButton } from '../action-button';
import { copyLink } from './copy-link';
import { QrLaunch } from './qr-launch';
import type { LaunchButtonProps } from './types';
import { WebViewLaunch } from './web-view-launch';
import { WechatLaunch } from './wechat-launch';

/**
 * H5, by where the page runs (`WechatEnv`): in WeChat the `wx-open-launch-weapp` open tag (`WechatLaunch`); in a
 * mini program's web-view, that mini program's own live page (`WebViewLaunch`); in WeCom's browser, where open tags
 * do not work, the way into WeChat and a copy-link action; anywhere else a QR code to scan with WeChat (`QrLaunch`).
 * Links are the live's short link, not the address bar.
 */
export default function LaunchButton({ livingId, action, onNotWatchable }: LaunchButtonProps) {
  const env = useWechatEnv();
  if (!action.enabled) return <ActionButton label={action.label} disabled hint={action.hint} />;

  const link = liveShortLink(window.location.origin, livingId, action.replay);
  if (env === 'wechat') {
    return (
      <WechatLaunch
        livingId={livingId}
        label={action.label}
        replay={action.replay}
        link={link}
        onNotWatchable={onNotWatchable}
      />
    );
  }
  if (env === 'mini-program') {
    return <WebViewLaunch livingId={livingId} label={action.label} replay={action.replay} link={link} />;
  }
  if (env === 'wxwork') {
    return (
      <ActionButton
        label="请在微信中打开"
        disabled
        hint="企业微信里不能直接打开，请复制链接到微信打开"
        secondary={{ label: '复制链接', onClick: () => copyLink(link) }}
      />
    );
  }
  return <QrLaunch link={link} label={action.label} device={env} />;
}
