import type { Endpoint } from '../../core/endpoint';
import { wecomError } from '../../core/platform-errors';
import { wecomGuard } from '../api-guard';

/**
 * `GET /cgi-bin/living/get_living_info?access_token&livingid`. GET only (WeCom answers a POST with 43001). A
 * missing or unknown `livingid` is 40058: WeCom documents no live-specific code for it.
 */
export const getLivingInfo: Endpoint = (req, state) => {
  const denied = wecomGuard(req, state, 'living/get_living_info', 'GET');
  if (denied) return denied;
  const livingId = req.query.livingid;
  const info = livingId ? state.lives.get(livingId) : undefined;
  if (!info) return wecomError(40058, state.now(), req.ip);
  return { errcode: 0, errmsg: 'ok', living_info: info };
};
