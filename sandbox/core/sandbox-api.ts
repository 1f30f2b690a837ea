/** The upstream APIs the sandbox emulates, named by their path below the platform's API root. */
export type SandboxApi =
  | 'gettoken'
  | 'living/get_living_info'
  | 'living/get_living_code'
  | 'living/get_user_all_livingid'
  | 'living/get_watch_stat'
  | 'living/create'
  | 'living/modify'
  | 'living/cancel'
  | 'living/delete_replay_data'
  | 'auth/getuserinfo'
  | 'wwlogin/sso/login'
  | 'sns/jscode2session'
  | 'connect/oauth2/authorize'
  | 'sns/oauth2/access_token'
  | 'stable_token'
  | 'ticket/getticket'
  | 'wxa/getwxacodeunlimit'
  | 'wxa/generate_urllink'
  | 'message/subscribe/send'
  | 'message/subscribe/bizsend';

export const SANDBOX_APIS: readonly SandboxApi[] = [
  'gettoken',
  'living/get_living_info',
  'living/get_living_code',
  'living/get_user_all_livingid',
  'living/get_watch_stat',
  'living/create',
  'living/modify',
  'living/cancel',
  'living/delete_replay_data',
  'auth/getuserinfo',
  'wwlogin/sso/login',
  'sns/jscode2session',
  'connect/oauth2/authorize',
  'sns/oauth2/access_token',
  'stable_token',
  'ticket/getticket',
  'wxa/getwxacodeunlimit',
  'wxa/generate_urllink',
  'message/subscribe/send',
  'message/subscribe/bizsend',
];

/** WeCom and WeChat word their errors differently (`hint` vs `rid`) and send different content types. */
export type Platform = 'wecom' | 'wechat';

/**
 * Where each API lives. All of them are served on the sandbox's one origin; in reality `connect/oauth2/authorize`
 * is on open.weixin.qq.com (WeChat's service-account OAuth and WeCom's member OAuth alike: the appid tells them
 * apart), `wwlogin/sso/login` on login.work.weixin.qq.com, the other WeChat ones on api.weixin.qq.com and the WeCom
 * ones on qyapi.weixin.qq.com.
 * WeChat's `stable_token` and `ticket/getticket` share WeCom's `/cgi-bin/` prefix without clashing with it.
 */
const ROUTES: Record<SandboxApi, { path: string; platform: Platform }> = {
  gettoken: { path: '/cgi-bin/gettoken', platform: 'wecom' },
  'living/get_living_info': { path: '/cgi-bin/living/get_living_info', platform: 'wecom' },
  'living/get_living_code': { path: '/cgi-bin/living/get_living_code', platform: 'wecom' },
  'living/get_user_all_livingid': { path: '/cgi-bin/living/get_user_all_livingid', platform: 'wecom' },
  'living/get_watch_stat': { path: '/cgi-bin/living/get_watch_stat', platform: 'wecom' },
  'living/create': { path: '/cgi-bin/living/create', platform: 'wecom' },
  'living/modify': { path: '/cgi-bin/living/modify', platform: 'wecom' },
  'living/cancel': { path: '/cgi-bin/living/cancel', platform: 'wecom' },
  'living/delete_replay_data': { path: '/cgi-bin/living/delete_replay_data', platform: 'wecom' },
  'auth/getuserinfo': { path: '/cgi-bin/auth/getuserinfo', platform: 'wecom' },
  'wwlogin/sso/login': { path: '/wwlogin/sso/login', platform: 'wecom' },
  'sns/jscode2session': { path: '/sns/jscode2session', platform: 'wechat' },
  'connect/oauth2/authorize': { path: '/connect/oauth2/authorize', platform: 'wechat' },
  'sns/oauth2/access_token': { path: '/sns/oauth2/access_token', platform: 'wechat' },
  stable_token: { path: '/cgi-bin/stable_token', platform: 'wechat' },
  'ticket/getticket': { path: '/cgi-bin/ticket/getticket', platform: 'wechat' },
  'wxa/getwxacodeunlimit': { path: '/wxa/getwxacodeunlimit', platform: 'wechat' },
  'wxa/generate_urllink': { path: '/wxa/generate_urllink', platform: 'wechat' },
  'message/subscribe/send': { path: '/cgi-bin/message/subscribe/send', platform: 'wechat' },
  'message/subscribe/bizsend': { path: '/cgi-bin/message/subscribe/bizsend', platform: 'wechat' },
};

const BY_PATH = new Map<string, SandboxApi>(SANDBOX_APIS.map((api) => [ROUTES[api].path, api]));

/** The API a request path names, or `undefined` for a path neither platform serves here. */
export function apiForPath(path: string): SandboxApi | undefined {
  return BY_PATH.get(path);
}

export function platformOf(api: SandboxApi): Platform {
  return ROUTES[api].platform;
}

export function isSandboxApi(value: unknown): value is SandboxApi {
  return typeof value === 'string' && (SANDBOX_APIS as readonly string[]).includes(value);
}
