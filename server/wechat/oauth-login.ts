import type { Logger } from 'pino';
import { AppError } from '../errors/app-error';
import { UpstreamError } from '../errors/upstream-error';
import { TransportError, type JsonTransport } from '../upstream/json-transport';

export interface OAuthLoginOptions {
  appId: string;
  secret: string;
  /** Origin such as `https://api.weixin.qq.com`. */
  apiBase: string;
  transport: JsonTransport;
  logger: Logger;
}

/** WeChat saying the code itself is no good (unknown, expired, used, missing): the viewer should start again. */
const CODE_REFUSED = new Set([40029, 40163, 41008]);

/**
 * H5 silent OAuth (`snsapi_base`): the code WeChat appended to our callback → the viewer's openid for the
 * service account. The user access and refresh tokens that come with it are never needed and dropped here.
 */
export function createOAuthLogin({ appId, secret, apiBase, transport, logger }: OAuthLoginOptions) {
  const api = 'sns/oauth2/access_token';
  return async function exchange(code: string): Promise<{ openid: string; appId: string }> {
    const query = new URLSearchParams({ appid: appId, secret, code, grant_type: 'authorization_code' });
    const started = performance.now();
    let answer: { openid?: unknown; errcode?: unknown };
    try {
      answer = (await transport({ method: 'GET', url: `${apiBase}/${api}?${query}` })) as typeof answer;
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      logger.warn({ event: 'upstream', api, failure: err.failure }, 'wechat call failed');
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', api, undefined, err.failure, { retryAfter: 2 });
    }
    const errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;
    logger.info(
      { event: 'upstream', api, method: 'GET', errcode, latencyMs: Math.round(performance.now() - started) },
      'wechat call',
    );
    if (errcode === 0 && typeof answer.openid === 'string' && answer.openid) return { openid: answer.openid, appId };
    if (CODE_REFUSED.has(errcode)) {
      throw new AppError('LOGIN_FAILED', 401, 'WeChat did not accept this sign-in; please try again', {
        reason: String(errcode),
      });
    }
    if (errcode === -1) throw new UpstreamError('UPSTREAM_UNAVAILABLE', api, errcode, 'system busy', { retryAfter: 2 });
    logger.error(
      { event: 'upstream_misconfigured', api, errcode },
      'WeChat refused the service account OAuth exchange',
    );
    throw new UpstreamError('UPSTREAM_MISCONFIGURED', api, errcode, `errcode ${errcode}`);
  };
}

export type OAuthLogin = ReturnType<typeof createOAuthLogin>;
