import { isUpstreamError, malformedAnswer } from '../errors/upstream-error';
import type { WecomClient } from './wecom-client';

/** Who signed in through WeCom: a member of the corp (with a userid), or someone outside it. */
export type MemberIdentity = { member: true; userId: string } | { member: false };

/** WeCom refusing the sign-in code itself (unknown, expired, used): the person should sign in again. */
const CODE_REFUSED = new Set([40029, 41008]);

/** WeCom's member identity calls. */
export function createMemberApi(wecom: WecomClient) {
  return {
    /**
     * `GET auth/getuserinfo`: a sign-in code (WeCom OAuth or web QR login, single use, 5 minutes) → the member's
     * userid, or `{member: false}` for a non-member (WeCom sends an openid instead). `undefined` when WeCom refuses
     * the code. WeCom exempts calls with a valid code from its frequency limits.
     */
    async getUserInfo(code: string): Promise<MemberIdentity | undefined> {
      const api = 'auth/getuserinfo';
      let answer: { userid?: unknown; openid?: unknown };
      try {
        answer = await wecom.call<{ userid?: unknown; openid?: unknown }>(api, { method: 'GET', query: { code } });
      } catch (err) {
        if (isUpstreamError(err) && err.isRefusal && CODE_REFUSED.has(err.errcode!)) return undefined;
        throw err;
      }
      if (typeof answer.userid === 'string' && answer.userid) return { member: true, userId: answer.userid };
      if (typeof answer.openid === 'string' && answer.openid) return { member: false };
      throw malformedAnswer(api, 'answer with neither userid nor openid');
    },
  };
}

export type MemberApi = ReturnType<typeof createMemberApi>;
