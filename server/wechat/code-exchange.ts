import { AppError } from '../errors/app-error';
import { isUpstreamError, malformedAnswer } from '../errors/upstream-error';
import type { WechatClient } from './wechat-client';

/**
 * Trades a sign-in code (`wx.login`'s, or the H5 OAuth callback's) for the viewer's openid. When WeChat says the
 * code itself is no good, the viewer should sign in again: 401 `LOGIN_FAILED` (the errcode is in the call's log line).
 * Everything else WeChat sends along (`session_key`, user access and refresh tokens) is dropped right here: this
 * product never needs it, so it is never stored, logged or returned.
 */
export async function exchangeCode(
  wechat: WechatClient,
  api: string,
  query: Record<string, string>,
  { codeRefused, message }: { codeRefused: ReadonlySet<number>; message: string },
): Promise<{ openid: string; unionid?: string }> {
  let answer: { openid?: unknown; unionid?: unknown };
  try {
    answer = await wechat.callWithoutToken<{ openid?: unknown; unionid?: unknown }>(api, {
      method: 'GET',
      query: { ...query, grant_type: 'authorization_code' },
    });
  } catch (err) {
    if (isUpstreamError(err) && err.isRefusal && codeRefused.has(err.errcode!)) {
      throw new AppError('LOGIN_FAILED', message, { cause: err });
    }
    throw err;
  }
  if (typeof answer.openid !== 'string' || !answer.openid) {
    throw malformedAnswer(api, 'answer without openid');
  }
  return { openid: answer.openid, ...(typeof answer.unionid === 'string' ? { unionid: answer.unionid } : {}) };
}
