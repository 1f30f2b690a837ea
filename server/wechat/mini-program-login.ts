import type { Logger } from 'pino';
import { AppError } from '../errors/app-error';
import type { JsonTransport } from '../upstream/json-transport';
import { wechatCall, wechatRefusal } from './wechat-call';

export interface MiniProgramLoginOptions {
  appId: string;
  secret: string;
  /** Origin such as `https://api.weixin.qq.com`. */
  apiBase: string;
  transport: JsonTransport;
  logger: Logger;
}

export interface MiniProgramIdentity {
  openid: string;
  appId: string;
  unionid?: string;
}

/** Codes with which WeChat says the login code itself is bad: the viewer should log in again. */
const CODE_REFUSED = new Set([40029, 40163, 40226, 41008, 45011]);

/**
 * `jscode2session`: a mini program's `wx.login` code → the viewer's openid. The `session_key` WeChat also sends
 * is dropped right here: this product never needs it, so it is never stored, logged or returned.
 */
export function createMiniProgramLogin({ appId, secret, apiBase, transport, logger }: MiniProgramLoginOptions) {
  const api = 'sns/jscode2session';
  return async function login(jsCode: string): Promise<MiniProgramIdentity> {
    const answer = await wechatCall({ transport, logger, apiBase }, api, {
      query: { appid: appId, secret, js_code: jsCode, grant_type: 'authorization_code' },
    });
    if (answer.errcode === 0 && typeof answer.openid === 'string' && answer.openid) {
      return {
        openid: answer.openid,
        appId,
        ...(typeof answer.unionid === 'string' ? { unionid: answer.unionid } : {}),
      };
    }
    if (CODE_REFUSED.has(answer.errcode)) {
      throw new AppError('LOGIN_FAILED', 401, 'WeChat did not accept this login code; call wx.login again', {
        reason: String(answer.errcode),
      });
    }
    throw wechatRefusal(logger, api, answer, 'the mini program login');
  };
}

export type MiniProgramLogin = ReturnType<typeof createMiniProgramLogin>;
