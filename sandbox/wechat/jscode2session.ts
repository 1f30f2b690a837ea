import type { Endpoint } from '../core/endpoint';
import { wechatError } from '../core/platform-errors';

/** What a `wx.login()` code looks like to the sandbox; anything else is 40029. */
export const JS_CODE_PATTERN = /^[A-Za-z0-9_-]{6,128}$/;

/** WeChat allows one user 100 logins a minute (45011). */
export const LOGINS_PER_MINUTE = 100;

/**
 * `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`. On success WeChat sends only
 * `{session_key, openid}`, with NO errcode field (its docs list one; the live API has omitted it for years).
 * Errors: 41002/40013 app id missing/wrong, 41004/40125 secret missing/wrong, 40002 grant_type, 41008 code
 * missing, 40029 malformed code, 40163 code used before (codes are single-use), 45011 over 100 logins a minute
 * for one openid. A refused code is not used up.
 */
export const jscode2session: Endpoint = (req, state) => {
  const fail = (errcode: number) => wechatError(errcode, state.now());
  if (req.method !== 'GET') return fail(43001);
  const { appid, secret, js_code: code, grant_type: grantType } = req.query;
  if (!appid) return fail(41002);
  if (appid !== state.credentials.miniAppId) return fail(40013);
  if (!secret) return fail(41004);
  if (secret !== state.credentials.miniSecret) return fail(40125);
  if (grantType !== 'authorization_code') return fail(40002);
  if (!code) return fail(41008);
  if (!JS_CODE_PATTERN.test(code)) return fail(40029);
  if (state.wechat.isUsed(code)) return fail(40163);
  const openid = state.wechat.openidForCode(code);
  if (!state.limiter.take(`wechat:${appid}:${openid}`, LOGINS_PER_MINUTE)) return fail(45011);
  state.wechat.consume(code);
  return { session_key: state.wechat.newSessionKey(), openid };
};
