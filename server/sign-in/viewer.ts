/** A viewer, as a signed session names them: the openid only ever comes from WeChat's answer, then the session. */
export interface Viewer {
  openid: string;
  /** The app the openid belongs to: openids differ per app. */
  appId: string;
}

/**
 * Who a viewer is across instances and apps (openids differ per app): the one key their place in the line for
 * codes, their codes, their funnel steps and their per-session limits are bound to.
 */
export const viewerKey = (viewer: Viewer) => `${viewer.appId}:${viewer.openid}`;
