/** What a live is doing, named after WeCom's `status` 0–4, in that order. */
export const LIVE_STATUSES = ['reserved', 'living', 'ended', 'expired', 'cancelled'] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];

/** WeCom's live `type` 0–4, in that order. */
export const LIVE_TYPES = ['general', 'small_class', 'large_class', 'training', 'event'] as const;
export type LiveType = (typeof LIVE_TYPES)[number];

/**
 * Replay state folded from `open_replay` and `replay_status`:
 * `none` when replay is off (or WeCom sent no state), otherwise WeCom's 0–3 in that order.
 */
export const REPLAY_STATES = ['none', 'ready', 'generating', 'deleted', 'failed'] as const;
export type ReplayState = (typeof REPLAY_STATES)[number];

/** One live as the BFF serves it to viewers. Never carries `push_stream_url` or anything internal. */
export interface LiveCard {
  livingId: string;
  theme: string;
  description: string;
  status: LiveStatus;
  type: LiveType;
  anchorUserId: string;
  /** ISO 8601; the actual start once started, otherwise the reserved start. */
  startsAt: string;
  durationSeconds: number;
  viewerCount: number;
  onlineCount: number;
  commentCount: number;
  subscribeCount: number;
  replay: ReplayState;
  /** True when WeCom is failing and this card is the last good copy. */
  stale: boolean;
}
