import { wechatRid, wecomHint } from './random-strings';
import type { Platform } from './sandbox-api';

/** The errmsg wording WeCom uses for the codes the sandbox sends. */
const WECOM_ERRMSG: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40056: 'invalid agentid',
  40058: 'invalid Request Parameter',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41008: 'missing code',
  41011: 'missing agentid',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  47001: 'data format error',
  48002: 'api forbidden',
  60020: 'not allow to access from your ip',
};

/** The errmsg wording WeChat uses for the codes the sandbox sends. */
const WECHAT_ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40129: 'invalid scene',
  40163: 'code been used',
  40165: 'invalid weapp pagepath',
  40169: 'invalid length for scene, or the data is not json string',
  40212: 'invalid query',
  40226: 'high risk user',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  41030: 'invalid page',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
  48001: 'api unauthorized',
  85400: 'reach max long time quota limit',
  85401: 'invalid expire time',
  85402: 'invalid env_version',
};

/** An error body as WeCom or WeChat sends it (always HTTP 200). */
export type ErrorBody = { errcode: number; errmsg: string };

/**
 * WeCom's errmsg is never just the message: it carries a request hint, the caller's IP and a link, e.g.
 * `invalid access_token, hint: [...], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=40014`.
 * Reproduced so a client that matches on errmsg text (instead of errcode) fails here, as it would in production.
 */
export function wecomError(errcode: number, nowMs: number, ip: string, detail?: string): ErrorBody {
  const message = detail ?? WECOM_ERRMSG[errcode] ?? 'sandbox fault';
  return {
    errcode,
    errmsg: `${message}, hint: [${wecomHint(nowMs)}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
  };
}

/** WeChat appends a request id instead: `code been used, rid: 6538ac7d-18c7e09b-572e68c3`. */
export function wechatError(errcode: number, nowMs: number): ErrorBody {
  return { errcode, errmsg: `${WECHAT_ERRMSG[errcode] ?? 'sandbox fault'}, rid: ${wechatRid(nowMs)}` };
}

export function platformError(platform: Platform, errcode: number, nowMs: number, ip: string): ErrorBody {
  return platform === 'wecom' ? wecomError(errcode, nowMs, ip) : wechatError(errcode, nowMs);
}
