import { createPlatformClient, type PlatformClient, type PlatformConnection } from '../upstream/platform-client';
import type { UpstreamPolicy } from '../upstream/upstream-policy';
import { WECOM_ERRCODES } from './wecom-errcodes';
import type { CallBudget } from '../budget/call-budget';

export interface WecomClientOptions extends PlatformConnection {
  corpId: string;
  secret: string;
  /** Origin such as `https://qyapi.weixin.qq.com`; paths `/cgi-bin/...` are appended. */
  apiBase: string;
  /** Tuning for tests and benchmarks; WeCom's own numbers otherwise. */
  policy?: Partial<UpstreamPolicy>;
  /** This deployment's share of WeCom's per-API quota, checked before every call. */
  budget?: CallBudget;
}

/**
 * WeCom's numbers: its frequency limit window is a minute; failing gettoken calls get the app blocked (about
 * 2,000 in an hour), so a misconfigured grant is not asked again for 30 s.
 */
export const WECOM_POLICY: UpstreamPolicy = {
  maxRetries: 2,
  backoff: { baseMs: 100, maxMs: 2000 },
  maxConcurrentPerApi: 32,
  outageHoldMs: 2000,
  rateLimitHoldMs: 60_000,
  concurrencyHoldMs: 1000,
  tokenFailureCooldownMs: 30_000,
};

/** The only caller of WeCom: `cgi-bin/<api>` with the corp's access token from `gettoken`. */
export function createWecomClient({ corpId, secret, apiBase, policy, ...rest }: WecomClientOptions): WecomClient {
  return createPlatformClient({
    platform: 'wecom',
    apiRoot: `${apiBase}/cgi-bin/`,
    credentials: { id: corpId, secret },
    accessToken: {
      name: 'token',
      api: 'gettoken',
      request: { method: 'GET', query: { corpid: corpId, corpsecret: secret } },
      field: 'access_token',
    },
    errcodes: WECOM_ERRCODES,
    policy: { ...WECOM_POLICY, ...policy },
    ...rest,
  });
}

export type WecomClient = PlatformClient;
