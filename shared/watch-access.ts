import type { LiveCard } from './live-card';

/** Why a live cannot be watched right now; the client words it, the server answers 409 with it. */
export const NOT_WATCHABLE_REASONS = [
  'expired',
  'cancelled',
  'no_replay',
  'replay_generating',
  'replay_deleted',
  'replay_failed',
  'replay_not_available',
] as const;
export type NotWatchableReason = (typeof NOT_WATCHABLE_REASONS)[number];

export const isNotWatchableReason = (value: unknown): value is NotWatchableReason =>
  (NOT_WATCHABLE_REASONS as readonly unknown[]).includes(value);

export type WatchAccess = { watchable: true; replay: boolean } | { watchable: false; reason: NotWatchableReason };

/**
 * Whether a viewer can enter this live now, and whether as a replay.
 * Reserved and living lives are watchable (viewers may wait in the room before the start); an ended live only
 * through a ready replay, which it becomes even when the replay was not asked for explicitly.
 */
export function watchAccess(card: Pick<LiveCard, 'status' | 'replay'>, replayAsked = false): WatchAccess {
  switch (card.status) {
    case 'reserved':
    case 'living':
      return replayAsked ? { watchable: false, reason: 'replay_not_available' } : { watchable: true, replay: false };
    case 'expired':
      return { watchable: false, reason: 'expired' };
    case 'cancelled':
      return { watchable: false, reason: 'cancelled' };
    case 'ended':
      switch (card.replay) {
        case 'ready':
          return { watchable: true, replay: true };
        case 'generating':
          return { watchable: false, reason: 'replay_generating' };
        case 'deleted':
          return { watchable: false, reason: 'replay_deleted' };
        case 'failed':
          return { watchable: false, reason: 'replay_failed' };
        case 'none':
          return { watchable: false, reason: 'no_replay' };
      }
  }
}
