import type { Endpoint } from '../core/endpoint';
import { wechatError } from '../core/platform-errors';

/** WeChat's user-level OAuth access token lasts two hours; the sandbox never takes it back. */
const USER_TOKEN_TTL_SECONDS = 7200;

/**
 * `GET /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code`: the service account trades a web
 * OAuth code for `{access_token, expires_in, refresh_token, openid, scope}`, with NO errcode field on success (as
 * jscode2session). Errors: 41002/40013 app id missing/not the service account's, 41004/40125 secret missing/wrong,
 * 40002 grant_type, 41008 code missing, 40029 code unknown or expired (codes last five minutes), 40163 code used
 * before. A refused call does not use the code up. The user-level tokens are secrets; the BFF needs only `openid`.
 */
export const oauthAccessToken: Endpoint = (req, state) => {
  const fail = (errcode: number) => wechatError(errcode, state.now());
  if (req.method !== 'GET') return fail(43001);
  const { appid, secret, code, grant_type: grantType } = req.query;
  if (!appid) return fail(41002);
  if (appid !== state.credentials.mpAppId) return fail(40013);
  if (!secret) return fail(41004);
  if (secret !== state.credentials.mpSecret) return fail(40125);
  if (grantType !== 'authorization_code') return fail(40002);
  if (!code) return fail(41008);
  const redeemed = state.oauth.redeem(code);
  if (!redeemed.ok) return fail(redeemed.errcode);
  const tokens = state.oauth.newUserTokens();
  return {
    access_token: tokens.access_token,
    expires_in: USER_TOKEN_TTL_SECONDS,
    refresh_token: tokens.refresh_token,
    openid: state.oauth.openidForUser(redeemed.user),
    scope: redeemed.scope,
  };
};
