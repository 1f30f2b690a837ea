import type { Endpoint } from '../core/endpoint';
import { wechatError } from '../core/platform-errors';

/**
 * `GET /cgi-bin/ticket/getticket?access_token&type=jsapi` → `{errcode: 0, errmsg: "ok", ticket, expires_in}`, the
 * JS-SDK ticket the BFF signs `wx.config` with. It takes the service account's token from `stable_token` only:
 * 41001 missing, 40001 unknown or invalidated (WeChat says "invalid credential" here, not 40014 as WeCom does; a
 * WeCom token is unknown too), 42001 expired. Then 40097 for any `type` but `jsapi` (`wx_card` tickets are not
 * emulated).
 */
export const getticket: Endpoint = (req, state) => {
  const fail = (errcode: number) => wechatError(errcode, state.now());
  if (req.method !== 'GET') return fail(43001);
  const { access_token: token, type } = req.query;
  if (!token) return fail(41001);
  const check = state.stableTokens.check(token);
  if (!check.ok) return fail(check.errcode);
  if (type !== 'jsapi') return fail(40097);
  return { errcode: 0, errmsg: 'ok', ...state.jsapiTickets.grant(check.owner) };
};
