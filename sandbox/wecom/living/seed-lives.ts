import { createHash } from 'node:crypto';
import { normalizeLivingInfo, type WecomLivingInfo } from './living-info';
import type { SandboxWatchStats } from '../watch-stat/watch-stat-store';

/**
 * Named ids of the showcase lives: one for every status, every replay state and every type. The ids are fixed,
 * so a browser test in another process can name them without asking the sandbox first.
 */
export const SANDBOX_LIVES = {
  /** Reserved, starts in about 20 minutes (countdown). General live. */
  reservedSoon: 'lvOQpQDgAAXEa0xpuclGX_i_KdmZQgF5',
  /** Reserved for tomorrow; an event live, so it carries `push_stream_url`. */
  reservedTomorrow: 'lvOQpQDgAADwLnWbvtfwR6nep34w-HZC',
  /** Reserved in about five days. Corporate training. */
  reservedInFiveDays: 'lvOQpQDgAAPVzxmBoyG-ft_CMvbvc3J-',
  /** Living now; an event live with viewers online. */
  living: 'lvOQpQDgAAxwRW8lOzf4jA769rmsbdbj',
  /** Ended yesterday, replay ready. Large class. */
  endedReplayReady: 'lvOQpQDgAAEvbQXfglxhhWIfCYgjIwTM',
  /** Ended 40 minutes ago, replay still generating. General live. */
  endedReplayGenerating: 'lvOQpQDgAAUayaLESJbHAWt5OTYW4QCd',
  /** Ended a month ago, replay deleted. Small class. */
  endedReplayDeleted: 'lvOQpQDgAA3AQ-Nu405dohFgndXc5dl4',
  /** Ended three days ago, replay generation failed. Corporate training. */
  endedReplayFailed: 'lvOQpQDgAAyZX84kiNzvQSvgne69tn4X',
  /** Ended two days ago with replay off (`open_replay` 0, so no `replay_status`). General live. */
  endedNoReplay: 'lvOQpQDgAAlmoxxSvZNfdilMs0_aClZW',
  /** Reserved two days ago, never started: expired. Small class. */
  expired: 'lvOQpQDgAArJ12T9CLXLUYYwQID5kMRk',
  /** Was reserved for the day after tomorrow, then cancelled. Large class. */
  cancelled: 'lvOQpQDgAAiDGyteSaBadAaPgMV7dFr4',
} as const;

export type SandboxLiveName = keyof typeof SANDBOX_LIVES;

/** The members who own the showcase lives: product (张伟), marketing (李芳), training (王强). */
export const SANDBOX_ANCHORS: string[] = ['zhangwei', 'lifang', 'wangqiang'];

/** A member with {@link BULK_LIVE_COUNT} archived lives, so get_user_all_livingid needs two pages at limit 100. */
export const SANDBOX_BULK_ANCHOR = 'chenjing';

export const BULK_LIVE_COUNT = 120;

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/** Everything a showcase live has besides its times, which are set relative to the clock. */
type Showcase = Omit<WecomLivingInfo, 'living_start' | 'living_duration' | 'reserve_start'> & {
  /** Seconds from now to the reserved start (negative: in the past). */
  reserveIn: number;
  /** Seconds between the reserved and the actual start, for lives that started. */
  startedLate?: number;
  /** Actual duration of an ended live, or time on air so far for a living one. */
  ranFor?: number;
};

const SHOWCASE: Record<SandboxLiveName, Showcase> = {
  reservedSoon: {
    reserveIn: 20 * MINUTE,
    theme: '产品周会：Q3 路线图同步',
    description: '产品部每周例会，同步第三季度路线图进展，欢迎各业务线旁听提问。',
    anchor_userid: 'zhangwei',
    main_department: 2,
    reserve_living_duration: HOUR,
    status: 0,
    type: 0,
    open_replay: 1,
    replay_status: 1,
    viewer_num: 0,
    comment_num: 0,
    mic_num: 0,
    online_count: 0,
    subscribe_count: 86,
  },
  reservedTomorrow: {
    reserveIn: DAY,
    theme: '秋季新品发布会',
    description: '面向客户与合作伙伴的秋季新品发布会：新品现场演示、嘉宾对谈与直播间专属优惠。',
    anchor_userid: 'lifang',
    main_department: 3,
    reserve_living_duration: 2 * HOUR,
    status: 0,
    type: 4,
    open_replay: 1,
    replay_status: 1,
    viewer_num: 0,
    comment_num: 0,
    mic_num: 0,
    online_count: 0,
    subscribe_count: 1532,
  },
  reservedInFiveDays: {
    reserveIn: 5 * DAY,
    theme: '新员工入职培训：信息安全必修课',
    description: '入职第一课：账号安全、数据分级与防钓鱼常识，本月入职的同事请务必参加。',
    anchor_userid: 'wangqiang',
    main_department: 4,
    reserve_living_duration: 90 * MINUTE,
    status: 0,
    type: 3,
    open_replay: 1,
    replay_status: 1,
    viewer_num: 0,
    comment_num: 0,
    mic_num: 0,
    online_count: 0,
    subscribe_count: 214,
  },
  living: {
    reserveIn: -30 * MINUTE,
    startedLate: 5 * MINUTE,
    ranFor: 25 * MINUTE,
    theme: '年中盛典 · 客户答谢直播',
    description: '感谢一路同行的客户伙伴：抽奖互动、嘉宾访谈与新品首发同步进行，边看边聊。',
    anchor_userid: 'lifang',
    main_department: 3,
    reserve_living_duration: 2 * HOUR,
    status: 1,
    type: 4,
    open_replay: 1,
    replay_status: 1,
    viewer_num: 3421,
    comment_num: 856,
    mic_num: 3,
    online_count: 1268,
    subscribe_count: 2100,
  },
  endedReplayReady: {
    reserveIn: -DAY,
    startedLate: 2 * MINUTE,
    ranFor: 95 * MINUTE,
    theme: '销售技巧大讲堂：从需求挖掘到成交',
    description: '资深销售总监分享一线实战案例，课后附完整课件与话术清单。',
    anchor_userid: 'wangqiang',
    main_department: 4,
    reserve_living_duration: 90 * MINUTE,
    status: 2,
    type: 2,
    open_replay: 1,
    replay_status: 0,
    viewer_num: 612,
    comment_num: 145,
    mic_num: 4,
    online_count: 0,
    subscribe_count: 480,
  },
  endedReplayGenerating: {
    reserveIn: -100 * MINUTE,
    startedLate: 0,
    ranFor: 58 * MINUTE,
    theme: '技术分享：小程序性能优化实践',
    description: '从首屏加载到长列表渲染，分享我们在小程序里踩过的坑和优化经验。',
    anchor_userid: 'zhangwei',
    main_department: 2,
    reserve_living_duration: HOUR,
    status: 2,
    type: 0,
    open_replay: 1,
    replay_status: 1,
    viewer_num: 238,
    comment_num: 67,
    mic_num: 2,
    online_count: 0,
    subscribe_count: 190,
  },
  endedReplayDeleted: {
    reserveIn: -30 * DAY,
    startedLate: MINUTE,
    ranFor: 45 * MINUTE,
    theme: 'Excel 数据透视表小班课',
    description: '小班互动教学，手把手带你做一张月度经营报表。',
    anchor_userid: 'wangqiang',
    main_department: 4,
    reserve_living_duration: 45 * MINUTE,
    status: 2,
    type: 1,
    open_replay: 1,
    replay_status: 2,
    viewer_num: 18,
    comment_num: 40,
    mic_num: 9,
    online_count: 0,
    subscribe_count: 20,
  },
  endedReplayFailed: {
    reserveIn: -3 * DAY,
    startedLate: 0,
    ranFor: HOUR,
    theme: '合规培训：反商业贿赂',
    description: '年度合规必修课，观看后请在学习平台完成线上测验。',
    anchor_userid: 'wangqiang',
    main_department: 4,
    reserve_living_duration: HOUR,
    status: 2,
    type: 3,
    open_replay: 1,
    replay_status: 3,
    viewer_num: 1043,
    comment_num: 12,
    mic_num: 0,
    online_count: 0,
    subscribe_count: 1100,
  },
  endedNoReplay: {
    reserveIn: -2 * DAY,
    startedLate: 3 * MINUTE,
    ranFor: 70 * MINUTE,
    theme: '管理层季度复盘会（内部）',
    description: '季度经营复盘与下季度重点，仅限直播观看，不提供回放。',
    anchor_userid: 'zhangwei',
    main_department: 2,
    reserve_living_duration: HOUR,
    status: 2,
    type: 0,
    open_replay: 0,
    viewer_num: 57,
    comment_num: 9,
    mic_num: 6,
    online_count: 0,
    subscribe_count: 60,
  },
  expired: {
    reserveIn: -2 * DAY - 4 * HOUR,
    theme: '英语口语角：商务邮件写作',
    description: '外教带练商务邮件的常用句式，限 20 人小班。',
    anchor_userid: 'wangqiang',
    main_department: 4,
    reserve_living_duration: 40 * MINUTE,
    status: 3,
    type: 1,
    open_replay: 1,
    replay_status: 1,
    viewer_num: 0,
    comment_num: 0,
    mic_num: 0,
    online_count: 0,
    subscribe_count: 15,
  },
  cancelled: {
    reserveIn: 2 * DAY,
    theme: '大促作战动员会',
    description: '因排期调整取消，新的时间将另行通知。',
    anchor_userid: 'lifang',
    main_department: 3,
    reserve_living_duration: HOUR,
    status: 4,
    type: 2,
    open_replay: 0,
    viewer_num: 0,
    comment_num: 0,
    mic_num: 0,
    online_count: 0,
    subscribe_count: 342,
  },
};

/**
 * The seeded lives, with times relative to `nowMs`: the showcase plus {@link BULK_LIVE_COUNT} archived daily
 * stand-ups of {@link SANDBOX_BULK_ANCHOR}. Reserved starts fall on whole minutes (or hours, for the far ones)
 * because the WeCom app only lets anchors pick those.
 */
export function seedLives(nowMs: number): Array<[string, WecomLivingInfo]> {
  const now = Math.floor(nowMs / 1000);
  const lives: Array<[string, WecomLivingInfo]> = [];
  for (const [name, { reserveIn, startedLate, ranFor, ...rest }] of Object.entries(SHOWCASE)) {
    const unit = Math.abs(reserveIn) >= DAY ? HOUR : MINUTE;
    const reserveStart = Math.ceil((now + reserveIn) / unit) * unit;
    const started = startedLate !== undefined;
    const info: WecomLivingInfo = {
      ...rest,
      reserve_start: reserveStart,
      living_start: started ? reserveStart + startedLate : reserveStart,
      living_duration: ranFor ?? 0,
    };
    if (rest.status === 1 && ranFor !== undefined) info.living_start = now - ranFor;
    const id = SANDBOX_LIVES[name as SandboxLiveName];
    lives.push([id, normalizeLivingInfo(info, id)]);
  }
  const today = Math.floor(now / DAY) * DAY + HOUR; // 09:00 in China (UTC+8)
  for (let n = 1; n <= BULK_LIVE_COUNT; n++) {
    const start = today - n * DAY;
    const id = bulkLivingId(n);
    const info: WecomLivingInfo = {
      theme: `每日晨会 · 第 ${BULK_LIVE_COUNT - n + 1} 期`,
      living_start: start + 60,
      living_duration: 15 * MINUTE + (n % 7) * MINUTE,
      status: 2,
      reserve_start: start,
      reserve_living_duration: 20 * MINUTE,
      description: '运营中心每日晨会：昨日数据、今日重点与风险同步。',
      anchor_userid: SANDBOX_BULK_ANCHOR,
      main_department: 5,
      viewer_num: 30 + (n % 13),
      comment_num: n % 9,
      mic_num: n % 4,
      // Every tenth stand-up was held without replay, so the archive is not uniform.
      open_replay: n % 10 === 0 ? 0 : 1,
      replay_status: 0,
      type: 0,
      online_count: 0,
      subscribe_count: 40,
    };
    lives.push([id, normalizeLivingInfo(info, id)]);
  }
  return lives;
}

/**
 * Viewers for the ended showcase lives, as many as their `viewer_num` (18 to 1,043), generated from the live's id so
 * they are the same on every run. The other lives have none.
 */
export function seedWatchStats(watchStats: SandboxWatchStats): void {
  for (const [name, { status, viewer_num: viewers }] of Object.entries(SHOWCASE)) {
    if (status === 2) watchStats.generate(SANDBOX_LIVES[name as SandboxLiveName], viewers);
  }
}

/** Stable, real-looking ids for the archive: `lvOQpQDgAA` + 22 URL-safe characters. */
function bulkLivingId(n: number): string {
  return `lvOQpQDgAA${createHash('sha256').update(`sandbox:bulk:${n}`).digest('base64url').slice(0, 22)}`;
}
