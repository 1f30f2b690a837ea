import type { Logger } from 'pino';
import { AppError } from '../errors/app-error';
import { UpstreamError } from '../errors/upstream-error';
import { TransportError, type JsonTransport } from '../upstream/json-transport';

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
  return async function login(jsCode: string): Promise<MiniProgramIdentity> {
    const query = new URLSearchParams({ appid: appId, secret, js_code: jsCode, grant_type: 'authorization_code' });
    const started = performance.now();
    let answer: { openid?: unknown; unionid?: unknown; errcode?: unknown; errmsg?: unknown };
    try {
      answer = (await transport({ method: 'GET', url: `${apiBase}/sns/jscode2session?${query}` })) as typeof answer;
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      logger.warn({ event: 'upstream', api: 'sns/jscode2session', failure: err.failure }, 'wechat call failed');
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'sns/jscode2session', undefined, err.failure, { retryAfter: 2 });
    }
    const errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;
    const latencyMs = Math.round(performance.now() - started);
    logger.info({ event: 'upstream', api: 'sns/jscode2session', method: 'GET', errcode, latencyMs }, 'wechat call');
    if (errcode === 0 && typeof answer.openid === 'string' && answer.openid) {
      return {
        openid: answer.openid,
        appId,
        ...(typeof answer.unionid === 'string' ? { unionid: answer.unionid } : {}),
      };
    }
    if (CODE_REFUSED.has(errcode)) {
      throw new AppError('LOGIN_FAILED', 401, 'WeChat did not accept this login code; call wx.login again', {
        reason: String(errcode),
      });
    }
    if (errcode === -1) {
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'sns/jscode2session', errcode, 'system busy', { retryAfter: 2 });
    }
    logger.error(
      { event: 'upstream_misconfigured', api: 'sns/jscode2session', errcode },
      'WeChat refused the mini program login',
    );
    throw new UpstreamError('UPSTREAM_MISCONFIGURED', 'sns/jscode2session', errcode, `errcode ${errcode}`);
  };
}

export type MiniProgramLogin = ReturnType<typeof createMiniProgramLogin>;
