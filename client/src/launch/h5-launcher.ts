import type { LaunchTarget } from '../../../shared/api';

/**
 * What the H5 launch button needs from outside: a configured JS-SDK (so the `wx-open-launch-weapp` tag works) and
 * the viewer's launch target (which needs an H5 session). Both arrive with the JS-SDK handshake and H5 login; the
 * button only talks to this interface, so they slot in without touching it.
 */
export interface H5Launcher {
  /** Resolves once `wx.config` succeeded and `wx.ready` fired; open tags may be mounted after that. */
  sdkReady(): Promise<void>;
  /** The signed-in viewer's launch target for one live. */
  launchTarget(livingId: string, replay: boolean): Promise<LaunchTarget>;
}

/** Opening the live from this page is not possible (yet): no JS-SDK signature or no H5 session. */
export class LaunchUnavailableError extends Error {
  override readonly name = 'LaunchUnavailableError';
  readonly code = 'LAUNCH_UNAVAILABLE';
}

/**
 * The launcher until H5 login and the JS-SDK handshake exist.
 * TODO(h5-login): replace with one that signs the landing URL via the BFF, calls `wx.config` with
 * `openTagList: ['wx-open-launch-weapp']`, and fetches the launch target with an H5 session.
 */
export const unavailableH5Launcher: H5Launcher = {
  sdkReady: () => Promise.reject(new LaunchUnavailableError('网页里打开直播的功能即将上线')),
  launchTarget: () => Promise.reject(new LaunchUnavailableError('网页里打开直播的功能即将上线')),
};
