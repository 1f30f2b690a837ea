import type { ErrorCode } from './error-codes';
import type { LiveCard } from './live-card';

/** Where the client opens its one socket: `ws(s)://<BFF origin>/api/events`. */
export const EVENTS_PATH = '/api/events';

/** At most this many lives on one socket's screen at once. */
export const MAX_SUBSCRIBED_LIVES = 50;

/** The largest frame a client may send; a larger one closes the socket (1009). */
export const MAX_FRAME_BYTES = 4096;

/** Frames the client sends: the lives now on screen (the set replaces the previous one; `[]` = none). */
export interface SubscribeFrame {
  subscribe: string[];
}

/**
 * Frames the server sends: a card that changed (and, right after a subscribe, the current card of each live
 * subscribed to), or what was wrong with the last frame (the socket stays open).
 */
export type ServerFrame =
  | { type: 'card'; card: LiveCard }
  | { type: 'error'; error: { code: PushErrorCode; message: string; livingId?: string } };

/** Why a frame was refused. `LIVE_NOT_FOUND` names the one id that does not exist. */
export type PushErrorCode =
  Extract<ErrorCode, 'BAD_REQUEST' | 'INVALID_LIVING_ID' | 'LIVE_NOT_FOUND'> | 'TOO_MANY_LIVES';
