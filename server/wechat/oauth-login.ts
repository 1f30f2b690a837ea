import type { Logger } from 'pino';
import { AppError } from '../errors/app-error';
import type { JsonTransport } from '../upstream/json-transport';
import { wechatCall, wechatRefusal } from './wechat-call';

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
    const answer = await wechatCall({ transport, logger, apiBase }, api, {
      query: { appid: appId, secret, code, grant_type: 'authorization_code' },
    });
    if (answer.errcode === 0 && typeof answer.openid === 'string' && answer.openid)
      return { openid: answer.openid, appId };
    if (CODE_REFUSED.has(answer.errcode)) {
      throw new AppError('LOGIN_FAILED', 401, 'WeChat did not accept this sign-in; please try again', {
        reason: String(answer.errcode),
      });
    }
    throw wechatRefusal(logger, api, answer, 'the service account OAuth exchange');
  };
}

export type OAuthLogin = ReturnType<typeof createOAuthLogin>;
