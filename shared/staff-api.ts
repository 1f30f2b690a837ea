/**
 * The staff console's contract with the BFF (`/api/staff/…`): what the console's pages read and send. The BFF's
 * zod schemas (which also write the OpenAPI document) are checked against these types with `SameShape`.
 */
import type { LiveCard, LiveType } from './live-card';
import type { StaffRole } from './staff-roles';

/** `GET /api/staff/me` */
export interface StaffMe {
  userId: string;
  role: StaffRole;
}

/** `GET /api/staff/lives`: the lives a staff member can open a console page for, newest first. */
export interface StaffLivesResponse {
  lives: StaffLive[];
}

export interface StaffLive extends LiveCard {
  /** Created through this app (`living/create`): the only lives it may modify, cancel, or get callbacks for. */
  createdByApp: boolean;
}

/** `GET /api/staff/lives/:livingId/stats` (WeCom's get_watch_stat, aggregated). */
export interface StaffWatchStats {
  viewers: number;
  /** Members of the corp, WeChat users, WeCom users of other corps. */
  split: { member: number; wechat: number; wecomExternal: number };
  watchSeconds: { total: number; median: number; p90: number };
  histogram: Array<{ label: string; viewers: number }>;
  commenters: number;
  micSpeakers: number;
  /** Whose shares brought viewers, most first: viewers brought and their total watch time. */
  inviters: Array<{ inviter: string; viewers: number; watchSeconds: number }>;
  /** ISO 8601: when WeCom was last asked. */
  fetchedAt: string;
}

/** The three steps of our own funnel for one live (and one campaign tag, or all of them). */
export interface FunnelCounts {
  /** Unique viewers who opened the live page (approximate when counted in Redis: HyperLogLog, ±1%). */
  views: number;
  /** Taps that got a living code. */
  taps: number;
  /** Taps after which WeCom's live mini program actually opened (reported by the client). */
  opens: number;
}

/** `GET /api/staff/lives/:livingId/funnel` */
export interface StaffFunnel {
  total: FunnelCounts;
  /**
   * One row per campaign tag seen (`?from=…`); untagged visits are the row with `from: ''`, and every tag past the
   * per-live cap (`FUNNEL_TAGS_PER_LIVE`) is counted in the one row with `from: FUNNEL_OTHER_TAGS`.
   */
  byTag: Array<FunnelCounts & { from: string }>;
}

/** `GET /api/staff/lives/:livingId/share?from=TAG`: everything the share kit shows. */
export interface StaffShareKit {
  livingId: string;
  theme: string;
  /** The campaign tag these links carry, if one was asked for. */
  from?: string;
  /** Absolute stable links: `/live/ID[?from=TAG]` and `/live/ID?replay=1[&from=TAG]`. */
  links: { live: string; replay: string };
  /** The mini program code's `scene` (≤ 32 characters): the live id itself when it fits, else `!ALIAS`. */
  scene: string;
  /** Same-origin URLs of images the console shows and offers for download. */
  images: {
    /** QR code of `links.live` (PNG). */
    linkQr: string;
    /** The mini program code of the live page (PNG, from `wxa/getwxacodeunlimit`). */
    miniProgramCode: string;
    /** The poster: theme, start time, description and the mini program code (PNG). */
    poster: string;
  };
  /**
   * WeChat URL Links (`wxa/generate_urllink`) to our mini program's live page, carrying the tag; `null` when none can
   * be made now (quota, WeChat refused): the console says so and offers the stable links.
   */
  urlLinks: { live: string | null; replay: string | null };
  /** Ready SMS texts (theme, start time in China time, the URL Link — or the stable link when there is none). */
  sms: { live: string; replay: string };
  /**
   * For the service account's articles and menus (the editor's mini program card): our mini program's appid and the
   * live page's path with its query, `pages/live/index?id=…[&replay=1][&from=TAG]`.
   */
  miniProgram: { appId: string; paths: { live: string; replay: string } };
}

/** `POST /api/staff/lives` (managers): a reserved live, created with `living/create`. */
export interface CreateLiveRequest {
  /** The member who hosts it: a WeCom userid (`shared/wecom-userid.ts`) in the app's visible range. */
  anchorUserId: string;
  /** Not empty; at most 20 characters and 60 bytes of UTF-8 (`shared/live-text-limits.ts`). */
  theme: string;
  /** ISO 8601, in the future. */
  startsAt: string;
  /** A day at most (`shared/live-duration.ts`). */
  durationSeconds: number;
  type: LiveType;
  /** At most 100 characters and 300 bytes of UTF-8 (`shared/live-text-limits.ts`). */
  description?: string;
  /** Remind subscribers this many seconds before the start. */
  remindSecondsBefore?: number;
}

/** `POST /api/staff/lives` → 201 */
export interface CreateLiveResponse {
  livingId: string;
}

/** `PATCH /api/staff/lives/:livingId` (managers; reserved lives only): any of these fields. */
export type ModifyLiveRequest = Partial<Omit<CreateLiveRequest, 'anchorUserId'>>;

/**
 * `POST /api/staff/lives/:livingId/cancel` (managers; before the start only, else 409 `LIVE_ALREADY_STARTED`)
 * and `DELETE /api/staff/lives/:livingId/replay` (managers) take `{ confirm }` = the live's id: the console's
 * confirmation step, checked by the BFF too (400 `CONFIRMATION_REQUIRED` otherwise).
 */
export interface ConfirmRequest {
  confirm: string;
}

/** The funnel row of the tags a live saw after its first `FUNNEL_TAGS_PER_LIVE`: never a campaign tag itself. */
export const FUNNEL_OTHER_TAGS = '*';

/** `GET /api/staff/lives/:livingId/reminders`: the 开播提醒 of one live. */
export interface StaffReminderStats {
  /** Viewers with a reminder recorded for the live's current start (both platforms). */
  subscribers: number;
  /** Recorded and not yet sent (waiting for the start, or in the queue). */
  pending: number;
  sent: number;
  /** Messages given up, by WeChat's reason (`errcode` 43101, 40003, 40037, 47003, or `retries` when -1/45009/transport failures outlasted the retries). */
  failed: Array<{ reason: string; count: number }>;
  /** The start has been seen and messages are going out now. */
  sending: boolean;
}
