import { parseJsonObject, type Endpoint } from '../../core/endpoint';
import { decodeCursor, encodeCursor } from '../page-cursor';
import { wecomError } from '../../core/platform-errors';
import { wecomGuard } from '../api-guard';

/** WeCom's default and maximum page size for get_user_all_livingid. */
export const MAX_PAGE_LIMIT = 100;

/**
 * `POST /cgi-bin/living/get_user_all_livingid?access_token` with `{userid, cursor, limit}`: one page of a
 * member's living ids, newest first. `limit` defaults to 100 and may not exceed it (40058); `cursor` is opaque
 * and empty for the first page; `next_cursor` is `''` on the last page.
 */
export const getUserAllLivingIds: Endpoint = (req, state) => {
  const denied = wecomGuard(req, state, 'living/get_user_all_livingid', 'POST');
  if (denied) return denied;
  const body = parseJsonObject(req.rawBody);
  if (!body) return wecomError(47001, state.now(), req.ip);
  const invalid = () => wecomError(40058, state.now(), req.ip);
  const { userid, cursor = '', limit = 0 } = body;
  if (typeof userid !== 'string' || !userid) return invalid();
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_LIMIT) return invalid();
  if (typeof cursor !== 'string') return invalid();
  const offset = cursor === '' ? 0 : decodeCursor(cursor, userid);
  if (offset === undefined) return invalid();
  const ids = state.lives.idsOfAnchor(userid);
  const end = offset + (limit || MAX_PAGE_LIMIT);
  return {
    errcode: 0,
    errmsg: 'ok',
    next_cursor: end < ids.length ? encodeCursor(userid, end) : '',
    livingid_list: ids.slice(offset, end),
  };
};
