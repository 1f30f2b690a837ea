import { H5_SIGN_IN_PATH, signInHref } from '../../shared/paths';
import { isAppError } from '../errors/app-error';
import type { MiniProgramLogin } from '../wechat/mini-program-login';
import type { OAuthLogin } from '../wechat/oauth-login';
import type { OAuthStates } from './oauth-state';
import { checkSignInCallback, type SignInCallback, type SignInOutcome } from './sign-in-callback';
import { startSignIn, type SignInStart } from './sign-in-start';
import type { Session, SessionTokens } from './viewer-session-tokens';

/** Where WeChat sends the viewer back after the H5 authorize page. */
export const H5_SIGN_IN_CALLBACK_PATH = `${H5_SIGN_IN_PATH}/callback`;

export interface ViewerSignInOptions {
  sessions: SessionTokens;
  oauthStates: OAuthStates;
  oauthLogin: OAuthLogin;
  miniProgramLogin: MiniProgramLogin;
  /** The service account whose authorize page signs H5 viewers in. */
  officialAccount: { appId: string; openBase: string };
  /** The H5 origin: OAuth returns here, and `returnTo` must be a path on it. */
  publicOrigin: string;
}

/** Why the H5 round trip could not finish; the failure page words each one. */
export type H5SignInFailure = 'state_invalid' | 'code_missing' | 'code_refused' | 'wechat_unavailable';

/** What the failure page says to a viewer. */
export const H5_SIGN_IN_FAILURE_WORDS: Record<H5SignInFailure, string> = {
  state_invalid: '这个登录链接已失效或已使用过，请重新进入页面。',
  code_missing: '微信没有完成授权，请重试。',
  code_refused: '登录凭证已失效，请重试。',
  wechat_unavailable: '微信暂时无法完成登录，请稍后重试。',
};

export type H5SignInOutcome = SignInOutcome<H5SignInFailure>;

/**
 * Who a viewer is, decided in one place: the mini program login, the H5 silent OAuth round trip and the signed
 * session both end in. The openid only ever comes from WeChat's answer and, after that, from the signed session.
 */
export function createViewerSignIn({
  sessions,
  oauthStates,
  oauthLogin,
  miniProgramLogin,
  officialAccount,
  publicOrigin,
}: ViewerSignInOptions) {
  const startHref = (returnTo: string) => signInHref(H5_SIGN_IN_PATH, returnTo);

  return {
    sessionTtlMs: sessions.ttlSeconds * 1000,

    /** The viewer behind a session token; 401 `SESSION_INVALID` for anything forged, altered or expired. */
    verify: (token: string): Promise<Session> => sessions.verify(token),

    /** A mini program's `wx.login` code → a session token. */
    async weappLogin(code: string) {
      const identity = await miniProgramLogin(code);
      return sessions.issue({ openid: identity.openid, appId: identity.appId, via: 'weapp' });
    },

    /**
     * Starts the silent WeChat sign-in (`snsapi_base`) that comes back to `returnTo`. The state is random,
     * single-use and bound to this browser (`knownBrowser`, kept across sign-ins so two tabs do not undo each other).
     */
    async startH5(returnTo: string | undefined, knownBrowser: string | undefined): Promise<SignInStart> {
      const { state, browser, browserTtlMs } = await startSignIn(oauthStates, { returnTo, knownBrowser, publicOrigin });
      const authorize = new URL('/connect/oauth2/authorize', officialAccount.openBase);
      authorize.search = new URLSearchParams({
        appid: officialAccount.appId,
        redirect_uri: `${publicOrigin}${H5_SIGN_IN_CALLBACK_PATH}`,
        response_type: 'code',
        scope: 'snsapi_base',
        state,
      }).toString();
      return { url: `${authorize.toString()}#wechat_redirect`, browser, browserTtlMs };
    },

    /**
     * Finishes the round trip: the state must be one this browser started and not used yet, then WeChat's code
     * becomes a session. Every failure is an outcome with a way to try again, never a redirect (it could loop).
     */
    async finishH5(callback: SignInCallback): Promise<H5SignInOutcome> {
      const checked = await checkSignInCallback(oauthStates, callback, startHref);
      if (checked.refused) return checked.refused;
      const { retryHref } = checked;
      try {
        const identity = await oauthLogin(checked.code);
        const { token } = await sessions.issue({ openid: identity.openid, appId: identity.appId, via: 'h5' });
        return { signedIn: true, token, maxAgeMs: sessions.ttlSeconds * 1000, returnTo: checked.returnTo };
      } catch (err) {
        if (!isAppError(err)) throw err;
        if (err.code === 'LOGIN_FAILED') {
          return { signedIn: false, failure: 'code_refused', errorCode: err.code, status: 400, retryHref };
        }
        return {
          signedIn: false,
          failure: 'wechat_unavailable',
          errorCode: err.code,
          status: err.status >= 500 ? 503 : 400,
          retryHref,
          ...(err.retryAfter !== undefined ? { retryAfter: err.retryAfter } : {}),
        };
      }
    },
  };
}

export type ViewerSignIn = ReturnType<typeof createViewerSignIn>;
