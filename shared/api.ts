import type { LiveCard } from './live-card';

/** `GET /api/lives` */
export interface LivesResponse {
  lives: LiveCard[];
}

/** `POST /api/session/weapp` */
export interface WeappLoginRequest {
  /** The code from `wx.login`. */
  code: string;
}

/** `POST /api/session/weapp` */
export interface SessionResponse {
  token: string;
  /** ISO 8601 */
  expiresAt: string;
}

/** How the client opens WeCom's live mini program: `navigateToMiniProgram` uses appId, the H5 open tag username. */
export interface LaunchTarget {
  appId: string;
  username: string;
  path: string;
}

/** `POST /api/lives/:livingId/code`; the viewer is whoever the session says. */
export interface LivingCodeRequest {
  /** Open the replay; implied for an ended live with a ready replay. */
  replay?: boolean;
  /** The campaign tag the page was opened with (`?from=…`), for our funnel; one that is not a tag is ignored. */
  from?: string;
}

/**
 * `POST /api/lives/:livingId/views` (the live page showed the live) and `POST /api/lives/:livingId/opens` (WeCom's
 * live mini program opened after a tap): our funnel's beacons, answered 204.
 */
export interface FunnelBeaconRequest {
  /** The campaign tag the page was opened with (`?from=…`, see `isCampaignTag`). */
  from?: string;
  /**
   * Views from the mini program: its install id, as `POST /api/visitors` issued it (`id.signature`); H5 gets a
   * cookie instead. One the BFF did not issue is refused (400): ask for a new one.
   */
  visitor?: string;
}

/** A visitor id as the BFF issues it: a random id, a dot, the BFF's signature of it (both base64url). */
export const ISSUED_VISITOR_ID = /^[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{22}$/;

/** `POST /api/visitors` (body `{}`): a signed visitor id, which a mini program install asks for once and keeps. */
export interface VisitorResponse {
  visitor: string;
}

/** `POST /api/lives/:livingId/code` */
export interface LivingCodeResponse {
  livingCode: string;
  /** ISO 8601; the code stops working after this. */
  expiresAt: string;
  launch: LaunchTarget;
}

/** `GET /api/jssdk/config?url=…`: the arguments of `wx.config`, signed over that URL (without its fragment). */
export interface JssdkConfigResponse {
  appId: string;
  /** Unix seconds. */
  timestamp: number;
  nonceStr: string;
  signature: string;
  jsApiList: string[];
  openTagList: string[];
}
