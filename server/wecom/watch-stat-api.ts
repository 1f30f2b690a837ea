import { isUpstreamError, malformedAnswer } from '../errors/upstream-error';
import type { WecomClient } from './wecom-client';

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

/**
 * WeCom's watch statistics of one live (`living/get_watch_stat`): every viewer, page by page. Each page is a
 * budgeted call.
 */
export function createWatchStatApi(wecom: WecomClient) {
  return {
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
  };
}

export type WatchStatApi = ReturnType<typeof createWatchStatApi>;
