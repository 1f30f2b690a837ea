import type { ApiRequest, SandboxState } from './core/endpoint';
import type { PageAnswer } from './core/page-answer';
import { authorize, authorizeErrorPage } from './wechat/oauth-authorize';
import { wecomAuthorize } from './wecom/sign-in/oauth-authorize';
import { wecomErrorPage } from './wecom/sign-in/sign-in-page';

/**
 * `/connect/oauth2/authorize` serves two platforms on one path, as open.weixin.qq.com does: an `appid` that is the
 * corp id is WeCom's member OAuth, anything else WeChat's service-account OAuth.
 */
export function authorizePage(req: ApiRequest, state: SandboxState): PageAnswer {
  return isCorp(req, state) ? wecomAuthorize(req, state) : authorize(req, state);
}

/** The error page a `failNext` fault shows, in the style of the platform the appid names. */
export function authorizeFaultPage(req: ApiRequest, state: SandboxState, errcode: number): PageAnswer {
  return isCorp(req, state) ? wecomErrorPage(errcode) : authorizeErrorPage(errcode);
}

function isCorp(req: ApiRequest, state: SandboxState): boolean {
  return req.query.appid !== undefined && req.query.appid === state.credentials.corpId;
}
