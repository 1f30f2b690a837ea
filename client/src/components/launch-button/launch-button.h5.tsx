import { lazy, Suspense } from 'react';
import { currentWechatEnv, useWechatEnv, type WechatEnv } from '../../launch/wechat-env';
import { liveShortLink } from '../../routes';
import { ActionButton } from '../action-button';
import { copyLink } from './copy-link';
import type { LaunchButtonProps } from './types';

/**
 * Each place a page can run has its own way out, and a page only ever needs one of them: each is its own chunk, so
 * a phone browser does not load the open tag's code, nor WeChat the QR code's.
 */
const load = {
  wechat: () => import(/* webpackChunkName: "launch-wechat" */ './wechat-launch'),
  webView: () => import(/* webpackChunkName: "launch-web-view" */ './web-view-launch'),
  // The QR library is a chunk of its own (see qr-code.ts): asked for at the same time, not after.
  qr: () =>
    Promise.all([
      import(/* webpackChunkName: "launch-qr" */ './qr-launch'),
      import(/* webpackChunkName: "qrcode" */ 'qrcode'),
    ]).then(([module]) => module),
};
const WechatLaunch = lazy(() => load.wechat().then((m) => ({ default: m.WechatLaunch })));
const WebViewLaunch = lazy(() => load.webView().then((m) => ({ default: m.WebViewLaunch })));
const QrLaunch = lazy(() => load.qr().then((m) => ({ default: m.QrLaunch })));

function loaderFor(env: WechatEnv): (() => Promise<unknown>) | undefined {
  if (env === 'wechat') return load.wechat;
  if (env === 'mini-program') return load.webView;
  return env === 'wxwork' ? undefined : load.qr;
}

// Started as the page's code runs, so the chunk arrives while the live's card is still on its way.
void loaderFor(currentWechatEnv())?.().catch(() => undefined);

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
  return (
    <Suspense fallback={<ActionButton label={action.label} loading />}>
      {env === 'wechat' ? (
        <WechatLaunch
          livingId={livingId}
          label={action.label}
          replay={action.replay}
          link={link}
          onNotWatchable={onNotWatchable}
        />
      ) : env === 'mini-program' ? (
        <WebViewLaunch livingId={livingId} label={action.label} replay={action.replay} link={link} />
      ) : (
        <QrLaunch link={link} label={action.label} device={env} />
      )}
    </Suspense>
  );
}
