import { parseJsonObject, type Endpoint } from '../core/endpoint';
import { wechatError } from '../core/platform-errors';

/** WeChat's published stable_token limit: 10,000 calls a minute per app (45009 beyond). */
export const STABLE_TOKENS_PER_MINUTE = 10_000;

/**
 * `POST /cgi-bin/stable_token` with the JSON body `{grant_type: "client_credential", appid, secret, force_refresh?}`
 * → `{access_token, expires_in}` (no errcode on success). Unlike `cgi-bin/token`, normal mode does not rotate the
 * token, so several BFF instances can each call it; see `StableTokenRegistry.grant` for renewal and force refresh.
 * Errors: 43002 not POST, 47001 a body that is not a JSON object (or a `force_refresh` that is not a boolean),
 * 41002/40013 app id missing/neither the service account's nor the mini program's (each has its own tokens),
 * 41004/40125 secret missing/not that app's, 40002 grant_type,
 * 45009 over the minute limit or the 20 force refreshes a day.
 */
export const stableToken: Endpoint = (req, state) => {
  const fail = (errcode: number) => wechatError(errcode, state.now());
  if (req.method !== 'POST') return fail(43002);
  const body = parseJsonObject(req.rawBody);
  if (!body) return fail(47001);
  const { grant_type: grantType, appid, secret, force_refresh: forceRefresh = false } = body;
  if (typeof forceRefresh !== 'boolean') return fail(47001);
  if (typeof appid !== 'string' || !appid) return fail(41002);
  const { mpAppId, mpSecret, miniAppId, miniSecret } = state.credentials;
  if (appid !== mpAppId && appid !== miniAppId) return fail(40013);
  if (!state.limiter.take(`wechat:${appid}:stable_token`, STABLE_TOKENS_PER_MINUTE)) return fail(45009);
  if (typeof secret !== 'string' || !secret) return fail(41004);
  if (secret !== (appid === miniAppId ? miniSecret : mpSecret)) return fail(40125);
  if (grantType !== 'client_credential') return fail(40002);
  const granted = state.stableTokens.grant(appid, { forceRefresh });
  if (!granted.ok) return fail(granted.errcode);
  return { access_token: granted.access_token, expires_in: granted.expires_in };
};
