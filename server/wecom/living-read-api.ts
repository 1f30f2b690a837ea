import { isUpstreamError, malformedAnswer } from '../errors/upstream-error';
import type { Headroom } from '../budget/call-budget';
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

/** WeCom caps `limit` of get_user_all_livingid at 100. */
const PAGE_LIMIT = 100;
/** A runaway cursor must not loop forever. */
const MAX_PAGES = 50;

/**
 * The WeCom live calls a viewer's page makes: a live's details, a viewer's code into it, and an anchor's lives
 * (the list). Their documented methods and shapes.
 */
export function createLivingReadApi(wecom: WecomClient) {
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
     * is spent, `queueAs` (the viewer) waits in line: 503 `UPSTREAM_BUSY` with their place; a code made `ahead` of
     * a tap only spends headroom (`UPSTREAM_RATE_LIMITED` when there is none).
     */
    async getLivingCode(
      livingId: string,
      openid: string,
      spending: { queueAs?: string; ahead?: Headroom } = {},
    ): Promise<string> {
      const answer = await wecom.call<{ living_code?: unknown }>(LIVING_CODE_API, {
        method: 'POST',
        body: { livingid: livingId, openid },
        ...spending,
      });
      if (typeof answer.living_code !== 'string' || !answer.living_code) {
        throw malformedAnswer(LIVING_CODE_API, 'answer without a living_code string');
      }
      return answer.living_code;
    },

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

export type LivingReadApi = ReturnType<typeof createLivingReadApi>;
