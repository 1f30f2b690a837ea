import type { LiveStatus, LiveType, ReplayState } from './live-card';

const STATUSES: readonly LiveStatus[] = ['reserved', 'living', 'ended', 'expired', 'cancelled'];
const TYPES: readonly LiveType[] = ['general', 'small_class', 'large_class', 'training', 'event'];
const REPLAY_STATES: readonly ReplayState[] = ['ready', 'generating', 'deleted', 'failed'];

/** WeCom `status` 0–4 → name; `undefined` for a value WeCom has not documented. */
export function liveStatusFromCode(code: number): LiveStatus | undefined {
  return STATUSES[code];
}

/** WeCom `type` 0–4 → name; an undocumented type is shown as a general live. */
export function liveTypeFromCode(code: number): LiveType {
  return TYPES[code] ?? 'general';
}

/**
 * `replay_status` is only sent when `open_replay` is 1, so replay is `none` unless both say otherwise.
 */
export function replayStateFrom(openReplay: number | undefined, replayStatus: number | undefined): ReplayState {
  if (openReplay !== 1 || replayStatus === undefined) return 'none';
  return REPLAY_STATES[replayStatus] ?? 'none';
}
