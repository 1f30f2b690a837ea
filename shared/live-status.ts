import {
  LIVE_STATUSES,
  LIVE_TYPES,
  REPLAY_STATES,
  type LiveStatus,
  type LiveType,
  type ReplayState,
} from './live-card';

/** WeCom's `replay_status` 0–3: the states after `none`, in order. */
const WECOM_REPLAY_STATUSES = REPLAY_STATES.slice(1);

/** WeCom `status` 0–4 → name; `undefined` for a value WeCom has not documented. */
export function liveStatusFromCode(code: number): LiveStatus | undefined {
  return LIVE_STATUSES[code];
}

/** WeCom `type` 0–4 → name; an undocumented type is shown as a general live. */
export function liveTypeFromCode(code: number): LiveType {
  return LIVE_TYPES[code] ?? 'general';
}

/**
 * `replay_status` is only sent when `open_replay` is 1, so replay is `none` unless both say otherwise.
 */
export function replayStateFrom(openReplay: number | undefined, replayStatus: number | undefined): ReplayState {
  if (openReplay !== 1 || replayStatus === undefined) return 'none';
  return WECOM_REPLAY_STATUSES[replayStatus] ?? 'none';
}
