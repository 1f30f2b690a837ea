import type { ApiRequest, SandboxState } from '../core/endpoint';
import type { PageAnswer } from '../core/page-answer';
import { STATE_PATTERN, appendQuery, codeParams, escapeHtml, redirectHost } from '../core/redirect-uri';
import type { OAuthScope } from './oauth-logins';

/** The cookie naming the WeChat user who "opens" the authorize page; WeChat knows its user, the sandbox cannot. */
export const SANDBOX_WX_USER_COOKIE = 'sandbox_wx_user';
/** The user when the cookie is missing or malformed. */
export const SANDBOX_DEFAULT_WX_USER = 'viewer';

const USER_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const SCOPES: readonly string[] = ['snsapi_base', 'snsapi_userinfo'] satisfies OAuthScope[];

/** The error page texts WeChat documents for web OAuth, by code. */
const PAGE_ERRORS: Record<number, string> = {
  10003: 'redirect_uri域名与后台配置不一致',
  10004: '此公众号被封禁',
  10005: '此公众号并没有这些scope的权限',
  10006: '必须关注此测试号',
  10009: '操作太频繁了，请稍后重试',
  10010: 'scope不能为空',
  10011: 'redirect_uri不能为空',
  10012: 'appid不能为空',
  10013: 'state不能为空',
  10015: '公众号未授权第三方平台，请检查授权状态',
  10016: '不支持微信开放平台的Appid，请使用公众号Appid',
};

/** What the authorize page answers: a redirect, or WeChat's HTML error page (see {@link PageAnswer}). */
export type AuthorizeAnswer = PageAnswer;

/**
 * `GET /connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope&state` (open.weixin.qq.com in reality;
 * the `#wechat_redirect` fragment never reaches a server). It approves at once, as `snsapi_base` does inside
 * WeChat: 302 to `redirect_uri` with `code=CODE&state=STATE` appended to its own query (`state` back verbatim, left
 * out when none was sent). The user is the `sandbox_wx_user` cookie when it is 1–32 of `[A-Za-z0-9_-]`, else
 * `viewer`. Checks: appid (10012 missing, 10016 not the service account's), redirect_uri (10011 missing, 10003
 * unless an absolute http(s) URL on an OAuth domain), response_type `code`, scope (10010 missing, 10005 neither
 * `snsapi_base` nor `snsapi_userinfo`), state (at most 128 letters and digits). One deviation: WeChat matches the
 * redirect host exactly and refuses any port, while the sandbox accepts any port, since it and the BFF listen on
 * whatever loopback ports the tests get.
 */
export function authorize(req: ApiRequest, state: SandboxState): AuthorizeAnswer {
  const { appid, redirect_uri: redirectUri, response_type: responseType, scope, state: oauthState } = req.query;
  if (!appid) return authorizeErrorPage(10012);
  if (appid !== state.credentials.mpAppId) {
    return authorizeErrorPage(10016, `appid ${appid} is not ${state.credentials.mpAppId}`);
  }
  if (!redirectUri) return authorizeErrorPage(10011);
  const host = redirectHost(redirectUri);
  if (host === undefined) return authorizeErrorPage(10003, 'redirect_uri must be an absolute http(s) URL');
  if (!state.oauthDomains.includes(host)) {
    return authorizeErrorPage(10003, `${host} is not an OAuth domain here (${state.oauthDomains.join(', ')})`);
  }
  if (responseType !== 'code') return authorizeErrorPage(null, 'response_type must be code');
  if (!scope) return authorizeErrorPage(10010);
  if (!SCOPES.includes(scope)) return authorizeErrorPage(10005, 'scope must be snsapi_base or snsapi_userinfo');
  if (oauthState !== undefined && !STATE_PATTERN.test(oauthState)) {
    return authorizeErrorPage(null, 'state must be at most 128 bytes of a-zA-Z0-9');
  }
  const cookie = req.cookies[SANDBOX_WX_USER_COOKIE];
  const user = cookie !== undefined && USER_PATTERN.test(cookie) ? cookie : SANDBOX_DEFAULT_WX_USER;
  const code = state.oauth.issueCode(user, scope as OAuthScope);
  return { kind: 'redirect', location: appendQuery(redirectUri, codeParams(code, oauthState)), errcode: 0 };
}

/** WeChat's error page for `errcode` (its documented text, or a generic one), with a plain-language line for people. */
export function authorizeErrorPage(errcode: number | null, detail?: string): AuthorizeAnswer {
  const message = (errcode !== null && PAGE_ERRORS[errcode]) || '参数错误';
  const lines = [
    `<h2 class="weui-msg__title">${escapeHtml(message)}</h2>`,
    ...(errcode === null ? [] : [`<p class="weui-msg__desc">错误码：${errcode}</p>`]),
    ...(detail === undefined ? [] : [`<p class="sandbox-detail">sandbox: ${escapeHtml(detail)}</p>`]),
  ];
  const html =
    '<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><meta name="viewport" ' +
    'content="width=device-width,initial-scale=1"><title>微信网页授权</title></head>\n' +
    `<body>\n<div class="weui-msg">\n${lines.join('\n')}\n</div>\n</body>\n</html>\n`;
  return { kind: 'page', errcode, html };
}
