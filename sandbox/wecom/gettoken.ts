import type { Endpoint } from '../core/endpoint';
import { wecomError } from '../core/platform-errors';

/**
 * `GET /cgi-bin/gettoken?corpid&corpsecret`. Checks in WeCom's order: corp id (41002 missing, 40013 unknown),
 * the corp's minute limit (45009), secret (41004 missing, 40001 wrong). The same token comes back while it is
 * valid, with the remaining `expires_in`.
 */
export const gettoken: Endpoint = (req, state) => {
  const fail = (errcode: number) => wecomError(errcode, state.now(), req.ip);
  if (req.method !== 'GET') return fail(43001);
  const { corpid, corpsecret } = req.query;
  if (!corpid) return fail(41002);
  if (corpid !== state.credentials.corpId) return fail(40013);
  if (!state.limiter.take(`wecom:${corpid}:gettoken`, state.rateLimitPerMinute)) return fail(45009);
  if (!corpsecret) return fail(41004);
  if (corpsecret !== state.credentials.corpSecret) return fail(40001);
  return { errcode: 0, errmsg: 'ok', ...state.tokens.grant(corpid) };
};
