import { parseJsonObject, type Endpoint } from '../../core/endpoint';
import { wecomError } from '../../core/platform-errors';
import { wecomGuard } from '../api-guard';

/**
 * `POST /cgi-bin/living/get_living_code?access_token` with `{livingid, openid}` → `living_code`, a string that
 * always holds `+`, `/` and `=` here (see `randomLivingCode`). A body that is not a JSON object is 47001; an
 * unknown live or a missing/empty openid is 40058. Every code is recorded with its live, openid and times.
 */
export const getLivingCode: Endpoint = (req, state) => {
  const denied = wecomGuard(req, state, 'living/get_living_code', 'POST');
  if (denied) return denied;
  const body = parseJsonObject(req.rawBody);
  if (!body) return wecomError(47001, state.now(), req.ip);
  const { livingid, openid } = body;
  if (typeof livingid !== 'string' || !state.lives.get(livingid)) return wecomError(40058, state.now(), req.ip);
  if (typeof openid !== 'string' || !openid.trim()) return wecomError(40058, state.now(), req.ip);
  return { errcode: 0, errmsg: 'ok', living_code: state.livingCodes.issue(livingid, openid).code };
};
