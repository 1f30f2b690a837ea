import type { CodePurpose } from '../../../shared/api';
import type { ClientErrorCode } from '../../../shared/error-codes';
import type { LaunchTargetAnswer } from './launch-target-answer';

/** What a WeChat share shows: `wx.updateAppMessageShareData` / `wx.updateTimelineShareData`. */
export interface ShareCard {
  title: string;
  desc: string;
  /** Absolute URL on the page's origin (the short link `/live/ID[?replay=1]`). */
  link: string;
  /** Absolute URL of the icon. */
  imgUrl: string;
}

/**
 * What the H5 page needs from WeChat: a configured JS-SDK (so the `wx-open-launch-weapp` tag works and shares
 * carry a card) and the viewer's launch target (which needs an H5 session). The button and the page only talk to
 * this interface; `createServices({ h5Launcher })` swaps it (tests, other hosts).
 */
export interface H5Launcher {
  /** Resolves once `wx.config` succeeded and `wx.ready` fired; open tags may be mounted after that. */
  sdkReady(): Promise<void>;
  /**
   * The signed-in viewer's launch target for one live. Without a session it signs the viewer in first (the page
   * leaves, so the promise never settles); when that already happened moments ago it rejects with the 401
   * `ApiError` instead of looping. `from` is the page's campaign tag, for our funnel; `purpose` says why the code
   * is asked for (none: a `tap`): only a background one (`first`, `refresh`) may be answered put off.
   */
  launchTarget(livingId: string, replay: boolean, from?: string, purpose?: CodePurpose): Promise<LaunchTargetAnswer>;
  /** Signs in now, whatever happened before: the viewer's own retry after a sign-in that did not stick. */
  signIn(): void;
  /** Sets the card WeChat shows when this page is shared. Best effort: resolves also when sharing cannot be set. */
  shareCard(card: ShareCard): Promise<void>;
  /**
   * In a mini program's web-view: opens `url` (e.g. `/pages/live/index?id=…`), a page of the mini program holding
   * the web-view. Rejects when that mini program has no such page (it is not ours) or the bridge refuses.
   */
  openHostPage(url: string): Promise<void>;
}

/** Opening the live from this page is not possible: no JS-SDK (not in WeChat, or it refused the page). */
export class LaunchUnavailableError extends Error {
  override readonly name = 'LaunchUnavailableError';
  readonly code: ClientErrorCode = 'LAUNCH_UNAVAILABLE';
}

const unavailable = () => Promise.reject(new LaunchUnavailableError('这里不能直接打开直播，请在微信中打开'));

/** The launcher where the page cannot open WeCom's live mini program (the mini program build, tests). */
export const unavailableH5Launcher: H5Launcher = {
  sdkReady: unavailable,
  launchTarget: unavailable,
  signIn: () => undefined,
  shareCard: () => Promise.resolve(),
  openHostPage: unavailable,
};
