import type { LiveCard } from '../../shared/live-card';
import { liveStatusFromCode, liveTypeFromCode, replayStateFrom } from '../../shared/live-status';
import { malformedAnswer } from '../errors/upstream-error';
import type { WecomLivingInfo } from '../wecom/living-read-api';

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
const seconds = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

/**
 * WeCom's `living_info` → the card viewers see. Before a live starts, `living_start` may be empty, so the
 * reserved start and duration stand in. A replay only exists once a live has ended: WeCom may report a
 * `replay_status` for a live that is still reserved or on, which would read as "replay generating" on its card.
 * Fields viewers must never see (`push_stream_url`) are not copied.
 */
export function toLiveCard(livingId: string, info: WecomLivingInfo): Omit<LiveCard, 'stale'> {
  const status = liveStatusFromCode(info.status);
  if (!status) {
    throw malformedAnswer('living/get_living_info', `undocumented status ${info.status}`);
  }
  const startSeconds =
    status === 'reserved'
      ? seconds(info.reserve_start) || seconds(info.living_start)
      : seconds(info.living_start) || seconds(info.reserve_start);
  const durationSeconds =
    status === 'reserved'
      ? seconds(info.reserve_living_duration) || seconds(info.living_duration)
      : seconds(info.living_duration) || seconds(info.reserve_living_duration);
  return {
    livingId,
    theme: typeof info.theme === 'string' ? info.theme : '',
    description: typeof info.description === 'string' ? info.description : '',
    status,
    type: liveTypeFromCode(typeof info.type === 'number' ? info.type : 0),
    anchorUserId: typeof info.anchor_userid === 'string' ? info.anchor_userid : '',
    startsAt: new Date(startSeconds * 1000).toISOString(),
    durationSeconds: Math.floor(durationSeconds),
    viewerCount: count(info.viewer_num),
    onlineCount: count(info.online_count),
    commentCount: count(info.comment_num),
    subscribeCount: count(info.subscribe_count),
    replay: status === 'ended' ? replayStateFrom(info.open_replay, info.replay_status) : 'none',
  };
}
