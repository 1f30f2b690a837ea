import type { ApiRequest, SandboxState } from '../../core/endpoint';
import type { PageAnswer } from '../../core/page-answer';
import { STATE_PATTERN, appendQuery, codeParams, escapeHtml, redirectHost } from '../../core/redirect-uri';

/**
 * The cookie naming the WeCom user who opens a member sign-in page (OAuth inside the WeCom client, or the web login
 * QR page): a userid of {@link SANDBOX_MEMBERS}, or any other name for a non-member (e.g. `external`). WeCom knows
 * who is signed in to its client, the sandbox cannot.
 */
export const SANDBOX_WECOM_USER_COOKIE = 'sandbox_wecom_user';

/** The error page texts WeCom shows for member sign-in, by code. */
const PAGE_ERRORS: Record<number, string> = {
  40013: '不合法的CorpID',
  40056: '不合法的agentid',
  41002: '缺少corpid参数',
  41011: '缺少agentid参数',
  50001: 'redirect_uri需使用应用可信域名',
};

/**
 * The checks both member sign-in pages make of `appid`/`agentid`/`redirect_uri`/`state`: the corp's id (41002
 * missing, 40013 another), the app's agent id (41011 missing, 40056 another), a redirect_uri that is an absolute
 * http(s) URL on one of the app's trusted domains (50001 otherwise, any port accepted, as the WeChat page does),
 * and a state of at most 128 letters and digits. Returns the error page, or `undefined` when they pass.
 */
export function checkSignIn(req: ApiRequest, state: SandboxState): PageAnswer | undefined {
  const { appid, agentid, redirect_uri: redirectUri, state: signInState } = req.query;
  const { corpId, agentId } = state.credentials;
  if (!appid) return wecomErrorPage(41002);
  if (appid !== corpId) return wecomErrorPage(40013, `appid ${appid} is not the corp id ${corpId}`);
  if (!agentid) return wecomErrorPage(41011);
  if (agentid !== agentId) return wecomErrorPage(40056, `agentid ${agentid} is not the app's ${agentId}`);
  if (!redirectUri) return wecomErrorPage(null, 'redirect_uri is missing');
  const host = redirectHost(redirectUri);
  if (host === undefined) return wecomErrorPage(50001, 'redirect_uri must be an absolute http(s) URL');
  if (!state.wecomDomains.includes(host)) {
    return wecomErrorPage(50001, `${host} is not a trusted domain of the app here (${state.wecomDomains.join(', ')})`);
  }
  if (signInState !== undefined && !STATE_PATTERN.test(signInState)) {
    return wecomErrorPage(null, 'state must be at most 128 bytes of a-zA-Z0-9');
  }
  return undefined;
}

/** Approves as `person`: a fresh single-use code, and a 302 to redirect_uri with `code` and `state` appended. */
export function approveSignIn(req: ApiRequest, state: SandboxState, person: string): PageAnswer {
  const code = state.members.codeFor(person);
  const redirectUri = req.query.redirect_uri ?? '';
  return { kind: 'redirect', location: appendQuery(redirectUri, codeParams(code, req.query.state)), errcode: 0 };
}

/** WeCom's error page for `errcode` (its text, or a generic one), with a plain-language line for people. */
export function wecomErrorPage(errcode: number | null, detail?: string): PageAnswer {
  const message = (errcode !== null && PAGE_ERRORS[errcode]) || '参数错误';
  const lines = [
    `<h2 class="ww_msg_title">${escapeHtml(message)}</h2>`,
    ...(errcode === null ? [] : [`<p class="ww_msg_desc">错误码：${errcode}</p>`]),
    ...(detail === undefined ? [] : [`<p class="sandbox-detail">sandbox: ${escapeHtml(detail)}</p>`]),
  ];
  const html =
    '<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><meta name="viewport" ' +
    'content="width=device-width,initial-scale=1"><title>企业微信</title></head>\n' +
    `<body>\n<div class="ww_msg">\n${lines.join('\n')}\n</div>\n</body>\n</html>\n`;
  return { kind: 'page', errcode, html };
}
