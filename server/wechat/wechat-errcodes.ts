import type { PlatformErrcodes } from '../upstream/platform-errcodes';

/** WeChat's server API errcodes that change what the client does, whatever the API. */
export const WECHAT_ERRCODES: PlatformErrcodes = {
  busy: new Set([-1]),
  tokenRefused: new Set([40001, 40014, 42001]),
  limited: new Map([[45009, 'rate']]),
  misconfigured: new Map([
    [40001, 'invalid app secret'],
    [40002, 'invalid grant_type'],
    [40013, 'invalid app id'],
    [40125, 'invalid app secret'],
    [40164, "caller IP not in the account's IP whitelist"],
    [41002, 'app id missing'],
    [41004, 'app secret missing'],
    // wxa/getwxacodeunlimit: the page is not in the mini program version asked for (not published yet).
    [41030, 'page not in the released mini program (publish it, or check env_version)'],
    [48001, 'API not authorized for this account'],
  ]),
};
