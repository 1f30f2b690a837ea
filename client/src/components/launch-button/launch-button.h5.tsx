import { lazy, Suspense } from 'react';
import { launchView } from '../../../../shared/live-card-view';
import type { WechatEnv } from '../../../../shared/wechat-env';
import { currentWechatEnv, useWechatEnv } from '../../launch/wechat-env';
import { liveShortLink } from '../../routes';
import { ActionButton } from '../action-button';
import { copyLink } from './copy-link';
import { loadQrCodeLibrary } from './qr-code';
import { QrLaunch } from './qr-launch';
import type { LaunchButtonProps } from './types';
import { UrlLinkLaunch } from './url-link-launch';

/**
 * Each place a page can run has its own way out, and a page only ever needs one of them: each is its own chunk, so
 * a phone browser does not load the open tag's code, nor WeChat the QR code's library. WeCom's browser needs none.
 * The QR code's frame is drawn at once (its library alone waits), so it stands where the first screen drew it.
 */
const loadWechat = () => import(/* webpackChunkName: "launch-wechat" */ './wechat-launch');
const loadWebView = () => import(/* webpackChunkName: "launch-web-view" */ './web-view-launch');
const LOADERS: Record<WechatEnv, (() => Promise<unknown>) | undefined> = {
  wechat: loadWechat,
  'mini-program': loadWebView,
  wxwork: undefined,
  // A phone browser goes to the URL Link; the QR code's library comes only if the page falls back to it.
  mobile: undefined,
  desktop: loadQrCodeLibrary,
};
const WechatLaunch = lazy(() => loadWechat().then((m) => ({ default: m.WechatLaunch })));
const WebViewLaunch = lazy(() => loadWebView().then((m) => ({ default: m.WebViewLaunch })));

// Started as the page's code runs, so the chunk arrives while the live's card is still on its way.
void LOADERS[currentWechatEnv()]?.().catch(() => undefined);

/**
 * H5, by where the page runs (`WechatEnv`): in WeChat the `wx-open-launch-weapp` open tag (`WechatLaunch`); in a
 * mini program's web-view, that mini program's own live page (`WebViewLaunch`); in WeCom's browser, where open tags
 * do not work, the way into WeChat and a copy-link action; in another phone browser 「打开微信观看」, a WeChat URL Link
 * of our mini program's live page (`UrlLinkLaunch`, the QR code when there is none); on a desktop a QR code to scan
 * with WeChat (`QrLaunch`). Copied links are the live's short link (with the page's campaign tag), not the address
 * bar.
 */
export default function LaunchButton({ livingId, action, onNotWatchable, from, reservedStart }: LaunchButtonProps) {
  const env = useWechatEnv();
  const view = launchView(action, env);
  // The tag goes along (a campaign tag needs no escaping): scanned or pasted into WeChat, it is the same visit's.
  const short = liveShortLink(window.location.origin, livingId, action.enabled && action.replay);
  const link = from ? `${short}${action.enabled && action.replay ? '&' : '?'}from=${from}` : short;

  if (view.kind === 'qr') return <QrLaunch link={link} view={view} />;
  if (view.kind === 'url-link') {
    const replay = action.enabled && action.replay;
    return <UrlLinkLaunch livingId={livingId} replay={replay} from={from} link={link} view={view} />;
  }
  if (view.disabled || !action.enabled) {
    return (
      <ActionButton
        label={view.label}
        disabled
        hint={view.hint}
        secondary={view.secondaryLabel ? { label: view.secondaryLabel, onClick: () => copyLink(link) } : undefined}
      />
    );
  }
  return (
    <Suspense fallback={<ActionButton label={view.label} loading />}>
      {env === 'mini-program' ? (
        <WebViewLaunch livingId={livingId} label={view.label} replay={action.replay} link={link} />
      ) : (
        <WechatLaunch
          livingId={livingId}
          label={view.label}
          replay={action.replay}
          link={link}
          onNotWatchable={onNotWatchable}
          from={from}
          reservedStart={reservedStart}
        />
      )}
    </Suspense>
  );
}
