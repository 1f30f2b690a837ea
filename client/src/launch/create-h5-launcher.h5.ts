import type { H5LauncherDeps } from './create-h5-launcher';
import type { H5Launcher } from './h5-launcher';
import { currentWechatEnv } from './wechat-env';

export type { H5LauncherDeps } from './create-h5-launcher';

/**
 * The WeChat side of H5 (sign-in, JS-SDK, share cards, web-view) as a chunk of its own. Not the open-tag button's
 * chunk: that one is also loaded from the page's chunk, and a chunk shared by two parents carries every module
 * either lacks, so the button's dependencies would come twice.
 */
const loadWiring = () => import(/* webpackChunkName: "wechat-h5" */ './wechat-h5-wiring');

/**
 * H5: the WeChat launcher, loaded lazily. Only pages in WeChat or a mini program's web-view ever call it, so other
 * browsers never download it; there it starts loading as the app starts, alongside the page's own code.
 */
export function createH5Launcher(deps: H5LauncherDeps): H5Launcher {
  let wired: Promise<H5Launcher> | undefined;
  const launcher = () => (wired ??= loadWiring().then((m) => m.wireWechatH5Launcher(deps)));
  const env = currentWechatEnv();
  if (env === 'wechat' || env === 'mini-program') launcher().catch(() => undefined);
  return {
    sdkReady: () => launcher().then((l) => l.sdkReady()),
    launchTarget: (livingId, replay, from, purpose) =>
      launcher().then((l) => l.launchTarget(livingId, replay, from, purpose)),
    signIn: () => void launcher().then((l) => l.signIn()),
    shareCard: (card) => launcher().then((l) => l.shareCard(card)),
    openHostPage: (url) => launcher().then((l) => l.openHostPage(url)),
  };
}
