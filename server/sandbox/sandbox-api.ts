/** The upstream APIs the sandbox emulates, named by their path below the platform's API root. */
export type SandboxApi =
  | 'gettoken'
  | 'living/get_living_info'
  | 'living/get_living_code'
  | 'living/get_user_all_livingid'
  | 'sns/jscode2session';

export const SANDBOX_APIS: readonly SandboxApi[] = [
  'gettoken',
  'living/get_living_info',
  'living/get_living_code',
  'living/get_user_all_livingid',
  'sns/jscode2session',
];

/** WeCom and WeChat word their errors differently (`hint` vs `rid`) and send different content types. */
export type Platform = 'wecom' | 'wechat';

const BY_PATH = new Map<string, SandboxApi>([
  ['/cgi-bin/gettoken', 'gettoken'],
  ['/cgi-bin/living/get_living_info', 'living/get_living_info'],
  ['/cgi-bin/living/get_living_code', 'living/get_living_code'],
  ['/cgi-bin/living/get_user_all_livingid', 'living/get_user_all_livingid'],
  ['/sns/jscode2session', 'sns/jscode2session'],
]);

/** The API a request path names, or `undefined` for a path neither platform serves here. */
export function apiForPath(path: string): SandboxApi | undefined {
  return BY_PATH.get(path);
}

export function platformOf(api: SandboxApi): Platform {
  return api.startsWith('sns/') ? 'wechat' : 'wecom';
}

export function isSandboxApi(value: unknown): value is SandboxApi {
  return typeof value === 'string' && (SANDBOX_APIS as readonly string[]).includes(value);
}
