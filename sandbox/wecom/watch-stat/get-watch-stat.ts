import { parseJsonObject, type Endpoint } from '../../core/endpoint';
import { decodeCursor, encodeCursor } from '../page-cursor';
import { wecomError } from '../../core/platform-errors';
import { wecomGuard } from '../api-guard';

/**
 * `POST /cgi-bin/living/get_watch_stat?access_token` with `{livingid, next_key}`: one page of a live's viewers,
 * members (`stat_info.users`) before external people (`stat_info.external_users`), at most `watchStatPageSize` of
 * both together. `next_key` is `"0"` (or left out) for the first page, otherwise one the sandbox issued for this
 * live (else 40058); an unknown livingid is 40058, as for get_living_info.
 *
 * WeCom's doc warns that only `ending` says the list is done, and the sandbox makes that bite: the members' last
 * page is cut short where the external people begin (a short page with `ending: 0` and more to come), the page
 * that brings the last viewers still says `ending: 0`, and the page after it is empty with `ending: 1`. A client
 * that stops on a short page loses the external people; one that stops on an empty page or counts pages is wrong
 * too.
 */
export const getWatchStat: Endpoint = (req, state) => {
  const denied = wecomGuard(req, state, 'living/get_watch_stat', 'POST');
  if (denied) return denied;
  const body = parseJsonObject(req.rawBody);
  if (!body) return wecomError(47001, state.now(), req.ip);
  const invalid = () => wecomError(40058, state.now(), req.ip);
  const { livingid, next_key: nextKey = '0' } = body;
  if (typeof livingid !== 'string' || !state.lives.get(livingid)) return invalid();
  if (typeof nextKey !== 'string') return invalid();
  const offset = nextKey === '0' || nextKey === '' ? 0 : decodeCursor(nextKey, scopeOf(livingid));
  if (offset === undefined) return invalid();

  const stat = state.watchStats.peek(livingid) ?? { users: [], externalUsers: [] };
  const { users, externalUsers } = stat;
  const total = users.length + externalUsers.length;
  // Members and external people never share a page: the page where the members run out is short.
  const end = Math.min(offset < users.length ? users.length : total, offset + state.watchStatPageSize);
  if (offset >= total) {
    return { errcode: 0, errmsg: 'ok', ending: 1, next_key: nextKey, stat_info: { users: [], external_users: [] } };
  }
  return {
    errcode: 0,
    errmsg: 'ok',
    ending: 0,
    next_key: encodeCursor(scopeOf(livingid), end),
    stat_info: {
      users: users.slice(offset, end),
      external_users: externalUsers.slice(Math.max(0, offset - users.length), Math.max(0, end - users.length)),
    },
  };
};

/** A next_key is bound to its live, so one reused for another live is refused. */
function scopeOf(livingId: string): string {
  return `watch_stat:${livingId}`;
}
