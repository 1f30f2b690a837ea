import type { H5LauncherDeps } from './create-h5-launcher';
import type { H5Launcher } from './h5-launcher';
import { landingUrl } from './landing.h5';
import { browserSessionStorage, createSignInRedirect } from './sign-in-redirect';
import { signatureUrl } from './signature-url';
import { createWechatH5Launcher } from './wechat-h5-launcher';
import { createWechatSdk, type Wx } from './wechat-sdk';

/** WeChat's JS-SDK as its own chunk, fetched only when a page in WeChat needs it. */
const loadWx = () =>
  import(/* webpackChunkName: "weixin-js-sdk" */ 'weixin-js-sdk').then((m) => (m.default ?? m) as unknown as Wx);

/** H5: the WeChat launcher, wired to this browser's location, history and sessionStorage. */
export function wireWechatH5Launcher({ api, baseUrl }: H5LauncherDeps): H5Launcher {
  const sdk = createWechatSdk({
    fetchConfig: (url) => api.jssdkConfig(url),
    loadWx,
    signatureUrl: () =>
      signatureUrl({ userAgent: navigator.userAgent, landingUrl: landingUrl(), currentUrl: window.location.href }),
  });
  const signIn = createSignInRedirect({
    baseUrl,
    navigate: (url) => window.location.replace(url),
    storage: browserSessionStorage(),
  });
  return createWechatH5Launcher({
    api,
    sdk,
    signIn,
    currentPath: () => window.location.pathname + window.location.search,
  });
}
