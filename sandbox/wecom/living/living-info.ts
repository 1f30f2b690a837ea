export type LivingStatus = 0 | 1 | 2 | 3 | 4;
export type LivingType = 0 | 1 | 2 | 3 | 4;
export type ReplayStatus = 0 | 1 | 2 | 3;

/**
 * `living_info` exactly as get_living_info returns it. WeCom's own sample spells one key `"status "` (with a
 * trailing space); that is a typo in the docs, the real field is `status`.
 */
export interface WecomLivingInfo {
  theme: string;
  /** Unix seconds: the actual start once started, otherwise the reserved start. */
  living_start: number;
  /** Seconds. */
  living_duration: number;
  /** 0 reserved, 1 living, 2 ended, 3 expired, 4 cancelled. */
  status: LivingStatus;
  reserve_start: number;
  reserve_living_duration: number;
  description: string;
  anchor_userid: string;
  main_department: number;
  viewer_num: number;
  comment_num: number;
  mic_num: number;
  open_replay: 0 | 1;
  /** Only present when `open_replay` is 1: 0 ready, 1 generating, 2 deleted, 3 failed. */
  replay_status?: ReplayStatus;
  /** 0 general, 1 small class, 2 large class, 3 corporate training, 4 event. */
  type: LivingType;
  /** Only present for an event live (type 4) that is still reserved (status 0). */
  push_stream_url?: string;
  online_count: number;
  subscribe_count: number;
}

/** The key order of WeCom's sample, so answers read like the real thing. */
const KEY_ORDER: readonly (keyof WecomLivingInfo)[] = [
  'theme',
  'living_start',
  'living_duration',
  'status',
  'reserve_start',
  'reserve_living_duration',
  'description',
  'anchor_userid',
  'main_department',
  'viewer_num',
  'comment_num',
  'mic_num',
  'open_replay',
  'replay_status',
  'type',
  'push_stream_url',
  'online_count',
  'subscribe_count',
];

/** A live nobody described yet: reserved an hour from `nowMs`, general type, replay on. */
export function defaultLivingInfo(nowMs: number, anchorUserId: string): WecomLivingInfo {
  const start = Math.floor(nowMs / 1000 / 60) * 60 + 3600;
  return {
    theme: '沙箱直播',
    living_start: start,
    living_duration: 0,
    status: 0,
    reserve_start: start,
    reserve_living_duration: 3600,
    description: '',
    anchor_userid: anchorUserId,
    main_department: 1,
    viewer_num: 0,
    comment_num: 0,
    mic_num: 0,
    open_replay: 1,
    replay_status: 1,
    type: 0,
    online_count: 0,
    subscribe_count: 0,
  };
}

/**
 * Keeps a live consistent with what WeCom would send, whatever a test wrote into it: `replay_status` only with
 * replay on, `push_stream_url` only for a reserved event live, nobody online unless it is living. Returns a new
 * object in WeCom's key order.
 */
export function normalizeLivingInfo(info: WecomLivingInfo, livingId: string): WecomLivingInfo {
  const next: WecomLivingInfo = { ...info };
  if (next.open_replay === 1) next.replay_status ??= 1;
  else delete next.replay_status;
  if (next.type === 4 && next.status === 0) next.push_stream_url ??= pushStreamUrl(livingId);
  else delete next.push_stream_url;
  if (next.status !== 1) next.online_count = 0;
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (next[key] !== undefined) ordered[key] = next[key];
  return ordered as unknown as WecomLivingInfo;
}

/** A push URL on a reserved `.invalid` host: it looks real and can never reach anything. */
function pushStreamUrl(livingId: string): string {
  return `rtmp://livepush.sandbox.invalid/live/${livingId}?txSecret=sandbox&txTime=ffffffff`;
}
