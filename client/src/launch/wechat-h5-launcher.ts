import { isApiError } from '../api/api-error';
import type { BffApi } from '../api/bff-api';
import { LaunchUnavailableError, type H5Launcher } from './h5-launcher';
import { launchTargetAnswer } from './launch-target-answer';
import type { SignInRedirect } from './sign-in-redirect';
import type { WechatSdk } from './wechat-sdk';

/** How long `wx.miniProgram.navigateTo` may stay silent before the button offers the way out instead. */
export const NAVIGATE_TIMEOUT_MS = 10_000;

export interface WechatH5LauncherOptions {
  api: Pick<BffApi, 'livingCode'>;
  sdk: WechatSdk;
  signIn: SignInRedirect;
  /** Path and query of the page now: where the sign-in comes back to. */
  currentPath: () => string;
}

/**
 * The H5 launcher inside WeChat: codes are asked for with the session cookie; a 401 signs the viewer in through
 * WeChat's silent OAuth (once: see `sign-in-redirect.ts`); the JS-SDK is configured once per signature URL and
 * also sets the share card.
 */
export function createWechatH5Launcher({ api, sdk, signIn, currentPath }: WechatH5LauncherOptions): H5Launcher {
  return {
    sdkReady: () => sdk.ready().then(() => undefined),

    async launchTarget(livingId, replay, from, purpose) {
      try {
        const code = await api.livingCode(livingId, { replay, from, purpose });
        signIn.done();
        return launchTargetAnswer(code);
      } catch (error) {
        if (isApiError(error, 'SESSION_REQUIRED', 'SESSION_INVALID') && signIn.start(currentPath())) {
          // The page is on its way to WeChat's authorize page and comes back signed in.
          return new Promise<never>(() => undefined);
        }
        throw error;
      }
    },

    signIn: () => signIn.force(currentPath()),

    async shareCard({ title, desc, link, imgUrl }) {
      try {
        const wx = await sdk.ready();
        wx.updateAppMessageShareData({ title, desc, link, imgUrl });
        wx.updateTimelineShareData({ title, link, imgUrl });
      } catch {
        // Without the SDK WeChat shares its default card (page title and URL).
      }
    },

    async openHostPage(url) {
      const wx = await sdk.loaded();
      await new Promise<void>((resolve, reject) => {
        // Outside a real web-view (a user agent that only looks like one) the bridge never answers: give up.
        const timer = setTimeout(
          () => reject(new LaunchUnavailableError('navigateTo: no answer')),
          NAVIGATE_TIMEOUT_MS,
        );
        wx.miniProgram.navigateTo({
          url,
          success: () => {
            clearTimeout(timer);
            resolve();
          },
          fail: (res) => {
            clearTimeout(timer);
            reject(new LaunchUnavailableError(res?.errMsg ?? 'navigateTo:fail'));
          },
        });
      });
    },
  };
}
