import type { ErrorCode } from '../../shared/error-codes';
import { STAFF_SIGN_IN_PATH, signInHref } from '../../shared/paths';
import type { StaffRole } from '../../shared/staff-roles';
import { isAppError } from '../errors/app-error';
import type { MemberApi } from '../wecom/member-api';
import type { OAuthStates } from './oauth-state';
import { checkSignInCallback, type SignInCallback, type SignInOutcome } from './sign-in-callback';
import { startSignIn, type SignInStart } from './sign-in-start';
import type { StaffSessions } from './staff-sessions';

export const STAFF_SIGN_IN_CALLBACK_PATH = `${STAFF_SIGN_IN_PATH}/callback`;

export interface StaffSignInOptions {
  sessions: StaffSessions;
  states: OAuthStates;
  members: MemberApi;
  corpId: string;
  /** The app's AgentId: WeCom's OAuth and QR login both name it. */
  agentId: string;
  /** Where WeCom's OAuth page lives (inside the WeCom client) and its web QR login (a browser). */
  openBase: string;
  loginBase: string;
  publicOrigin: string;
}

/** Why the staff round trip did not end in a session; the failure page words each one. */
export type StaffSignInFailure =
  'state_invalid' | 'code_missing' | 'code_refused' | 'not_member' | 'not_staff' | 'wecom_unavailable';

/** What the failure page says to a staff member. */
export const STAFF_SIGN_IN_FAILURE_WORDS: Record<StaffSignInFailure, string> = {
  state_invalid: '这个登录链接已失效或已使用过，请重新进入管理台。',
  code_missing: '企业微信没有完成授权，请重试。',
  code_refused: '登录凭证已失效，请重试。',
  not_member: '只有本企业的成员可以进入管理台。',
  not_staff: '你还没有管理台的权限，请联系管理员把你加入名单。',
  wecom_unavailable: '企业微信暂时无法完成登录，请稍后重试。',
};

export type StaffSignInOutcome = SignInOutcome<StaffSignInFailure, { userId: string; role: StaffRole }>;

/**
 * Staff sign in with their WeCom identity: inside the WeCom client WeCom's OAuth (`snsapi_base`, the corp id as
 * appid, the agent id), in a browser WeCom's web QR login; both come back with a code that `auth/getuserinfo` turns
 * into a userid. The state is as strict as the viewer sign-in's (random, single use, bound to the browser) and kept
 * under a prefix of its own, so a viewer's state can never finish a staff sign-in. Only members on the list get a
 * session (held server-side, see staff-sessions.ts); the lists as they are at each request say who may also manage
 * lives.
 */
export function createStaffSignIn({
  sessions,
  states,
  members,
  corpId,
  agentId,
  openBase,
  loginBase,
  publicOrigin,
}: StaffSignInOptions) {
  const startHref = (returnTo: string) => signInHref(STAFF_SIGN_IN_PATH, returnTo);

  return {
    verify: (token: string) => sessions.verify(token),

    async start(
      returnTo: string | undefined,
      knownBrowser: string | undefined,
      { inWecom }: { inWecom: boolean },
    ): Promise<SignInStart> {
      const { state, browser, browserTtlMs } = await startSignIn(states, { returnTo, knownBrowser, publicOrigin });
      const redirectUri = `${publicOrigin}${STAFF_SIGN_IN_CALLBACK_PATH}`;
      let url: string;
      if (inWecom) {
        const authorize = new URL('/connect/oauth2/authorize', openBase);
        authorize.search = new URLSearchParams({
          appid: corpId,
          redirect_uri: redirectUri,
          response_type: 'code',
          scope: 'snsapi_base',
          state,
          agentid: agentId,
        }).toString();
        url = `${authorize.toString()}#wechat_redirect`;
      } else {
        const login = new URL('/wwlogin/sso/login', loginBase);
        login.search = new URLSearchParams({
          login_type: 'CorpApp',
          appid: corpId,
          agentid: agentId,
          redirect_uri: redirectUri,
          state,
        }).toString();
        url = login.toString();
      }
      return { url, browser, browserTtlMs };
    },

    async finish(callback: SignInCallback): Promise<StaffSignInOutcome> {
      const checked = await checkSignInCallback(states, callback, startHref);
      if (checked.refused) return checked.refused;
      const { retryHref, returnTo } = checked;
      const fail = (failure: StaffSignInFailure, errorCode: ErrorCode, status: number) =>
        ({ signedIn: false, failure, errorCode, status, retryHref }) as const;
      try {
        const identity = await members.getUserInfo(checked.code);
        if (!identity) return fail('code_refused', 'LOGIN_FAILED', 400);
        if (!identity.member) return fail('not_member', 'FORBIDDEN', 403);
        const role = sessions.roleOf(identity.userId);
        if (!role) return { ...fail('not_staff', 'FORBIDDEN', 403), userId: identity.userId };
        const token = await sessions.issue(identity.userId);
        return {
          signedIn: true,
          token,
          maxAgeMs: sessions.ttlSeconds * 1000,
          returnTo,
          userId: identity.userId,
          role,
        };
      } catch (err) {
        if (!isAppError(err)) throw err;
        return {
          ...fail('wecom_unavailable', err.code, err.status >= 500 ? 503 : 400),
          ...(err.retryAfter !== undefined ? { retryAfter: err.retryAfter } : {}),
        };
      }
    },
  };
}

export type StaffSignIn = ReturnType<typeof createStaffSignIn>;
