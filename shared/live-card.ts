/** What a live is doing, named after WeCom's `status` 0–4. */
export type LiveStatus = 'reserved' | 'living' | 'ended' | 'expired' | 'cancelled';

/** WeCom's live `type` 0–4. */
export type LiveType = 'general' | 'small_class' | 'large_class' | 'training' | 'event';

/**
 * Replay state folded from `open_replay` and `replay_status`:
 * `none` when replay is off (or WeCom sent no state), otherwise WeCom's 0–3.
 */
export type ReplayState = 'none' | 'ready' | 'generating' | 'deleted' | 'failed';

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
