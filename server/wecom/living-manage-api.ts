import { isUpstreamError, malformedAnswer } from '../errors/upstream-error';
import type { WecomClient } from './wecom-client';

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

/**
 * The WeCom calls that manage a live this app created: create, modify, cancel, delete its replay. Each answers
 * done, or why WeCom would not (a {@link LiveRefusal}); anything else is thrown.
 */
export function createLivingManageApi(wecom: WecomClient) {
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
  };
}

export type LivingManageApi = ReturnType<typeof createLivingManageApi>;
