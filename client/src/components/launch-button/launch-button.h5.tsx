import { lazy, Suspense } from 'react';
import { currentWechatEnv, useWechatEnv, type WechatEnv } from '../../launch/wechat-env';
import { liveShortLink } from '../../routes';
import { ActionButton } from '../action-button';
import { copyLink } from './copy-link';
import { loadQrCodeLibrary } from './qr-code';
import type { LaunchButtonProps } from './types';

/**
 * Each place a page can run has its own way out, and a page only ever needs one of them: each is its own chunk, so
 * a phone browser does not load the open tag's code, nor WeChat the QR code's. WeCom's browser needs none.
 */
const loadWechat = () => import(/* webpackChunkName: "launch-wechat" */ './wechat-launch');
const loadWebView = () => import(/* webpackChunkName: "launch-web-view" */ './web-view-launch');
// The QR library is asked for at the same time as the button, not after it.
const loadQr = () =>
  Promise.all([import(/* webpackChunkName: "launch-qr" */ './qr-launch'), loadQrCodeLibrary()]).then(([m]) => m);
const LOADERS: Record<WechatEnv, (() => Promise<unknown>) | undefined> = {
  wechat: loadWechat,
  'mini-program': loadWebView,
  wxwork: undefined,
  mobile: loadQr,
  desktop: loadQr,
};
const WechatLaunch = lazy(() => loadWechat().then((m) => ({ default: m.WechatLaunch })));
const WebViewLaunch = lazy(() => loadWebView().then((m) => ({ default: m.WebViewLaunch })));
const QrLaunch = lazy(() => loadQr().then((m) => ({ default: m.QrLaunch })));

// Started as the page's code runs, so the chunk arrives while the live's card is still on its way.
void LOADERS[currentWechatEnv()]?.().catch(() => undefined);

/**
 * H5, by where the page runs (`WechatEnv`): in WeChat the `wx-open-launch-weapp` open tag (`WechatLaunch`); in a
 * mini program's web-view, that mini program's own live page (`WebViewLaunch`); in WeCom's browser, where open tags
 * do not work, the way into WeChat and a copy-link action; anywhere else a QR code to scan with WeChat (`QrLaunch`).
 * Links are the live's short link (with the page's campaign tag), not the address bar.
 */
export default function LaunchButton({ livingId, action, onNotWatchable, from }: LaunchButtonProps) {
  const env = useWechatEnv();
  if (!action.enabled) return <ActionButton label={action.label} disabled hint={action.hint} />;

  // The tag goes along (a campaign tag needs no escaping): scanned or pasted into WeChat, it is the same visit's.
  const short = liveShortLink(window.location.origin, livingId, action.replay);
  const link = from ? `${short}${action.replay ? '&' : '?'}from=${from}` : short;
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
          from={from}
        />
      ) : env === 'mini-program' ? (
        <WebViewLaunch livingId={livingId} label={action.label} replay={action.replay} link={link} />
      ) : (
        <QrLaunch link={link} label={action.label} device={env} />
      )}
    </Suspense>
  );
}
