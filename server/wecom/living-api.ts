import { isUpstreamError, malformedAnswer } from '../errors/upstream-error';
import type { WecomClient } from './wecom-client';

/** `living_info` as WeCom sends it (get_living_info). Only the fields this product reads are typed. */
export interface WecomLivingInfo {
  theme: string;
  living_start: number;
  living_duration: number;
  status: number;
  reserve_start?: number;
  reserve_living_duration?: number;
  description?: string;
  anchor_userid: string;
  viewer_num?: number;
  comment_num?: number;
  open_replay?: number;
  replay_status?: number;
  type?: number;
  online_count?: number;
  subscribe_count?: number;
}

/** The one call a viewer waits in line for when the budget is spent. */
export const LIVING_CODE_API = 'living/get_living_code';

/** One viewer of a live as `get_watch_stat` lists them: a member of the corp, or someone from outside it. */
export interface WecomWatcher {
  /** `userid` for a member, `external_userid` for anyone else. */
  id: string;
  kind: 'member' | 'wechat' | 'wecom_external';
  /** Only WeCom names external viewers; members are named by their userid. */
  name?: string;
  watchSeconds: number;
  commented: boolean;
  spoke: boolean;
  /** Who brought them (the share card or code they came through), a member's userid or an external userid. */
  invitedBy?: string;
}

interface RawWatcher {
  userid?: unknown;
  external_userid?: unknown;
  type?: unknown;
  name?: unknown;
  watch_time?: unknown;
  is_comment?: unknown;
  is_mic?: unknown;
  invitor_userid?: unknown;
  invitor_external_userid?: unknown;
}

/** WeCom's pages of watchers: every page is a budgeted call; a live cannot need more than this many. */
const MAX_WATCH_STAT_PAGES = 5000;

const watcher = (raw: RawWatcher, member: boolean): WecomWatcher | undefined => {
  const id = member ? raw.userid : raw.external_userid;
  if (typeof id !== 'string' || !id) return undefined;
  const invitedBy =
    typeof raw.invitor_userid === 'string' && raw.invitor_userid
      ? raw.invitor_userid
      : typeof raw.invitor_external_userid === 'string' && raw.invitor_external_userid
        ? raw.invitor_external_userid
        : undefined;
  return {
    id,
    kind: member ? 'member' : raw.type === 2 ? 'wecom_external' : 'wechat',
    ...(typeof raw.name === 'string' && raw.name ? { name: raw.name } : {}),
    watchSeconds: typeof raw.watch_time === 'number' && raw.watch_time > 0 ? Math.floor(raw.watch_time) : 0,
    commented: raw.is_comment === 1,
    spoke: raw.is_mic === 1,
    ...(invitedBy ? { invitedBy } : {}),
  };
};

/** What `living/create` takes (`living/modify` takes any of the fields but the anchor). Times in unix seconds. */
export interface WecomNewLive {
  anchor_userid: string;
  theme: string;
  living_start: number;
  living_duration: number;
  /** 0 general, 1 small class, 2 large class, 3 corporate training, 4 event. */
  type?: number;
  description?: string;
  /** Remind subscribers this many seconds before `living_start`. */
  remind_time?: number;
}

export type WecomLiveChanges = Partial<Omit<WecomNewLive, 'anchor_userid'>>;

/**
 * Why WeCom would not manage a live, from the errcodes of its global table (the live pages list none):
 * - `invalid`: 40058, a field it would not take, or (for a call naming a live) an id it does not know;
 * - `unknown_anchor`: 40003 / 60111 / 92000, the anchor is not a member in the app's visible range;
 * - `not_reserved`: 92006, the live has started or been cancelled (modify and cancel need a reserved live);
 * - `no_replay`: 92007, the replay cannot be deleted (there is none);
 * - `not_this_app`: 92008, the live was created elsewhere (another app, the WeCom app itself).
 */
export type LiveRefusal = 'invalid' | 'unknown_anchor' | 'not_reserved' | 'no_replay' | 'not_this_app';

const LIVE_REFUSALS = new Map<number, LiveRefusal>([
  [40058, 'invalid'],
  [40003, 'unknown_anchor'],
  [60111, 'unknown_anchor'],
  [92000, 'unknown_anchor'],
  [92006, 'not_reserved'],
  [92007, 'no_replay'],
  [92008, 'not_this_app'],
]);

/** The refusal an error stands for, or `undefined` when it is anything else (rethrown). */
const refusalOf = (err: unknown): LiveRefusal | undefined =>
  isUpstreamError(err) && err.isRefusal && err.errcode !== undefined ? LIVE_REFUSALS.get(err.errcode) : undefined;

/** WeCom caps `limit` of get_user_all_livingid at 100. */
const PAGE_LIMIT = 100;
/** A runaway cursor must not loop forever. */
const MAX_PAGES = 50;

/** The WeCom live calls this product makes, with their documented methods and shapes. */
export function createLivingApi(wecom: WecomClient) {
  /** A call that answers nothing but `ok`: `undefined` when done, the refusal when WeCom would not. */
  async function manage(api: string, body: Record<string, unknown>): Promise<LiveRefusal | undefined> {
    try {
      await wecom.call(api, { method: 'POST', body });
      return undefined;
    } catch (err) {
      const refused = refusalOf(err);
      if (refused) return refused;
      throw err;
    }
  }

  return {
    /**
     * GET, the id URL-encoded in the query (never POST: WeCom documents this call as GET). `undefined` when WeCom
     * refuses the id: it documents no live-specific errcode, so any refusal that is not about the token, a limit or
     * the app's setup means the live does not exist or was not created by this app.
     */
    async getLivingInfo(livingId: string): Promise<WecomLivingInfo | undefined> {
      const api = 'living/get_living_info';
      let answer: { living_info?: WecomLivingInfo };
      try {
        answer = await wecom.call<{ living_info?: WecomLivingInfo }>(api, {
          method: 'GET',
          query: { livingid: livingId },
        });
      } catch (err) {
        if (isUpstreamError(err) && err.isRefusal) return undefined;
        throw err;
      }
      const info = answer.living_info;
      if (!info || typeof info !== 'object' || typeof info.status !== 'number') {
        throw malformedAnswer(api, 'answer without living_info');
      }
      return info;
    },

    /**
     * POST `{livingid, openid}`; the code is an opaque string and is passed on untouched. When the budget for codes
     * is spent, `queueAs` (the viewer) waits in line: 503 `UPSTREAM_BUSY` with their place.
     */
    async getLivingCode(livingId: string, openid: string, queueAs?: string): Promise<string> {
      const answer = await wecom.call<{ living_code?: unknown }>(LIVING_CODE_API, {
        method: 'POST',
        body: { livingid: livingId, openid },
        ...(queueAs ? { queueAs } : {}),
      });
      if (typeof answer.living_code !== 'string' || !answer.living_code) {
        throw malformedAnswer(LIVING_CODE_API, 'answer without a living_code string');
      }
      return answer.living_code;
    },

    /**
     * Everyone who watched a live, from every page of `get_watch_stat`: `next_key` is followed until WeCom says
     * `ending: 1`, the only end signal it documents (a short or empty page says nothing). `undefined` when WeCom
     * refuses the id.
     */
    async getWatchers(livingId: string): Promise<WecomWatcher[] | undefined> {
      const api = 'living/get_watch_stat';
      const watchers: WecomWatcher[] = [];
      let nextKey = '0';
      for (let page = 0; page < MAX_WATCH_STAT_PAGES; page++) {
        let answer: {
          ending?: unknown;
          next_key?: unknown;
          stat_info?: { users?: RawWatcher[]; external_users?: RawWatcher[] };
        };
        try {
          answer = await wecom.call(api, { method: 'POST', body: { livingid: livingId, next_key: nextKey } });
        } catch (err) {
          if (page === 0 && isUpstreamError(err) && err.isRefusal) return undefined;
          throw err;
        }
        for (const raw of answer.stat_info?.users ?? []) {
          const w = watcher(raw, true);
          if (w) watchers.push(w);
        }
        for (const raw of answer.stat_info?.external_users ?? []) {
          const w = watcher(raw, false);
          if (w) watchers.push(w);
        }
        if (answer.ending === 1) return watchers;
        if (typeof answer.next_key !== 'string' || !answer.next_key)
          throw malformedAnswer(api, 'more to come but no next_key');
        nextKey = answer.next_key;
      }
      throw malformedAnswer(api, `no end after ${MAX_WATCH_STAT_PAGES} pages`);
    },

    /**
     * POST `living/create`: a reserved live, its id, or why WeCom would not. Sent at most once: a retry after a
     * lost answer could create the live twice, so a lost answer is an outage (503) and the manager looks at the list.
     */
    async createLiving(live: WecomNewLive): Promise<{ livingId: string } | { refused: LiveRefusal }> {
      const api = 'living/create';
      let answer: { livingid?: unknown };
      try {
        answer = await wecom.call<{ livingid?: unknown }>(api, { method: 'POST', body: live, once: true });
      } catch (err) {
        const refused = refusalOf(err);
        if (refused) return { refused };
        throw err;
      }
      if (typeof answer.livingid !== 'string' || !answer.livingid)
        throw malformedAnswer(api, 'answer without livingid');
      return { livingId: answer.livingid };
    },

    /** POST `living/modify` with `livingid` and the changed fields only; `undefined` once done. */
    modifyLiving: (livingId: string, changes: WecomLiveChanges) =>
      manage('living/modify', { livingid: livingId, ...changes }),

    /** POST `living/cancel` `{livingid}`; `undefined` once done. */
    cancelLiving: (livingId: string) => manage('living/cancel', { livingid: livingId }),

    /** POST `living/delete_replay_data` `{livingid}`; `undefined` once done. */
    deleteReplay: (livingId: string) => manage('living/delete_replay_data', { livingid: livingId }),

    /** Every living id of one member, following `next_cursor` through all pages. */
    async getUserAllLivingIds(userId: string): Promise<string[]> {
      const ids: string[] = [];
      let cursor = '';
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await wecom.call<{ next_cursor?: string; livingid_list?: string[] }>(
          'living/get_user_all_livingid',
          { method: 'POST', body: { userid: userId, cursor, limit: PAGE_LIMIT } },
        );
        ids.push(...(answer.livingid_list ?? []).filter((id): id is string => typeof id === 'string'));
        if (!answer.next_cursor) break;
        cursor = answer.next_cursor;
      }
      return ids;
    },
  };
}

export type LivingApi = ReturnType<typeof createLivingApi>;
