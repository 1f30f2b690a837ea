import type { ApiRequest, SandboxState } from '../../core/endpoint';
import type { PageAnswer } from '../../core/page-answer';
import { personFromCookie } from './member-logins';
import { SANDBOX_WECOM_USER_COOKIE, approveSignIn, checkSignIn, wecomErrorPage } from './sign-in-page';

/**
 * WeCom's member OAuth inside the WeCom client: `GET /connect/oauth2/authorize?appid=CORPID&redirect_uri&
 * response_type=code&scope=snsapi_base&state&agentid` (the path of WeChat's service-account page; the appid tells
 * them apart). It approves at once, as WeCom does for its signed-in user, as the `sandbox_wecom_user` cookie (default
 * {@link SANDBOX_STAFF_MEMBER}), and 302s to `redirect_uri?code=CODE&state=STATE`. Besides {@link checkSignIn}:
 * response_type `code`, scope `snsapi_base` (what WeCom prescribes for self-built apps).
 */
export function wecomAuthorize(req: ApiRequest, state: SandboxState): PageAnswer {
  const refused = checkSignIn(req, state);
  if (refused) return refused;
  if (req.query.response_type !== 'code') return wecomErrorPage(null, 'response_type must be code');
  if (req.query.scope !== 'snsapi_base') return wecomErrorPage(null, 'scope must be snsapi_base for a self-built app');
  return approveSignIn(req, state, personFromCookie(req.cookies[SANDBOX_WECOM_USER_COOKIE]));
}
