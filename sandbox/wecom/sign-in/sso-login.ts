import type { ApiRequest, SandboxState } from '../../core/endpoint';
import type { PageAnswer } from '../../core/page-answer';
import { personFromCookie } from './member-logins';
import { SANDBOX_WECOM_USER_COOKIE, approveSignIn, checkSignIn, wecomErrorPage } from './sign-in-page';

/**
 * WeCom's web login outside the client: `GET /wwlogin/sso/login?login_type=CorpApp&appid=CORPID&agentid&
 * redirect_uri&state` (login.work.weixin.qq.com in reality). WeCom shows a QR code and redirects once a member
 * scans and confirms it; the sandbox approves at once, as the person set with `members.scanAs` (or `PUT
 * /__sandbox/wecom/scanner`), else the `sandbox_wecom_user` cookie, else {@link SANDBOX_STAFF_MEMBER}, and 302s to
 * `redirect_uri?code=CODE&state=STATE`. Besides {@link checkSignIn}: login_type `CorpApp` (`ServiceApp` is for
 * third-party apps, which this is not).
 */
export function wecomSsoLogin(req: ApiRequest, state: SandboxState): PageAnswer {
  if (req.query.login_type !== 'CorpApp') return wecomErrorPage(null, 'login_type must be CorpApp');
  const refused = checkSignIn(req, state);
  if (refused) return refused;
  const person = state.members.scanner() ?? personFromCookie(req.cookies[SANDBOX_WECOM_USER_COOKIE]);
  return approveSignIn(req, state, person);
}
