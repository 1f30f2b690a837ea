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

/**
 * Why a page asks for a code. A `tap` (the viewer pressed the button and waits) is served from WeCom's budget first
 * and may wait in the fair line; a `first` code (the button just showed) and a `refresh` (the held one runs out) are
 * made ahead of a tap that may never come: they only spend headroom and are put off (`LivingCodeDeferred`) rather
 * than queued.
 */
export const CODE_PURPOSES = ['tap', 'first', 'refresh'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];

/** `POST /api/lives/:livingId/code`; the viewer is whoever the session says. */
export interface LivingCodeRequest {
  /** Open the replay; implied for an ended live with a ready replay. */
  replay?: boolean;
  /** The campaign tag the page was opened with (`?from=…`), for our funnel; one that is not a tag is ignored. */
  from?: string;
  /** Why the code is asked for; none: a `tap` (as clients asked before purposes existed). */
  purpose?: CodePurpose;
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
  /**
   * When to ask again in the background, in seconds (answered to `first` and `refresh`): about a minute before the
   * code runs out while WeCom's budget has room, later when it has none (the code may then lapse; a tap still
   * gets one).
   */
  refreshInSeconds?: number;
}

/**
 * Why a background request got no code: the live is reserved and its start is further off than a code lives
 * (`before_start`), or WeCom's budget has no headroom left beyond what taps are kept (`budget`).
 */
export const CODE_DEFERRALS = ['before_start', 'budget'] as const;
export type CodeDeferral = (typeof CODE_DEFERRALS)[number];

/**
 * `POST /api/lives/:livingId/code` with a `first` or `refresh` purpose, answered 200 without a code: ask again (same
 * purpose) in `retryInSeconds`. The page keeps its normal button meanwhile; a tap asks with purpose `tap`.
 */
export interface LivingCodeDeferred {
  deferred: CodeDeferral;
  retryInSeconds: number;
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

/**
 * `GET /api/lives/:livingId/reminder` and `POST` (after an accept): the signed-in viewer's 开播提醒 for one live on
 * the platform of their session — a mini program session asks with the mini program's template
 * (`wx.requestSubscribeMessage`), an H5 session with the service account's (`wx-open-subscribe`).
 */
export interface ReminderState {
  /**
   * The subscribe-message template to ask for; `null`: no reminder is offered here (no template configured for this
   * platform, or the live is not reserved), so the button is not shown.
   */
  templateId: string | null;
  /** A reminder for this viewer and this live's start is recorded and not sent yet. */
  subscribed: boolean;
}

/**
 * `POST /api/lives/:livingId/reminder`: the viewer accepted `templateId` in WeChat's prompt (one send allowed).
 * Answered with the new `ReminderState`; asking again is harmless (one reminder per viewer and live). 409 when the
 * live is not reserved (any more), 400 for a template that is not this platform's.
 */
export interface ReminderRequest {
  templateId: string;
}

/** The campaign tag a reminder's page carries, so its taps are counted in the funnel under it. */
export const REMINDER_CAMPAIGN_TAG = 'remind';

/**
 * `GET /api/lives/:livingId/url-link[?replay=1][&from=TAG]` (no session: the link is the same for every viewer):
 * a WeChat URL Link that opens **our** mini program's live page for this live, for phone browsers outside WeChat
 * (「打开微信观看」). Links carry the live id, the replay flag and the campaign tag, never a living code. 404 for a
 * live that does not exist.
 */
export interface UrlLinkResponse {
  /**
   * `https://wxaurl.cn/…`; `null`: no link can be offered now (the day's quota is nearly spent, or WeChat refused):
   * the page offers the QR code and copy link instead.
   */
  urlLink: string | null;
  /** ISO 8601, when the link stops working; present with a link. */
  expiresAt?: string;
}
