import { createPlatformClient, type PlatformClient, type PlatformConnection } from '../upstream/platform-client';
import type { UpstreamPolicy } from '../upstream/upstream-policy';
import { WECHAT_ERRCODES } from './wechat-errcodes';

export interface WechatClientOptions extends PlatformConnection {
  /** The app calling: the mini program or the service account. Each has its own token and limits. */
  appId: string;
  secret: string;
  /** Origin such as `https://api.weixin.qq.com`; paths `sns/...`, `cgi-bin/...` are appended. */
  apiBase: string;
  /** Tuning for tests and benchmarks; WeChat's own numbers otherwise. */
  policy?: Partial<UpstreamPolicy>;
}

/**
 * WeChat's numbers. Sign-in exchanges spend a single-use code, so a failure is retried once only: a second try
 * after an answer that was lost on the way back would be refused as a used code anyway.
 */
export const WECHAT_POLICY: UpstreamPolicy = {
  maxRetries: 1,
  backoff: { baseMs: 100, maxMs: 1000 },
  maxConcurrentPerApi: 32,
  outageHoldMs: 2000,
  rateLimitHoldMs: 60_000,
  concurrencyHoldMs: 1000,
  tokenFailureCooldownMs: 30_000,
};

/**
 * One WeChat app's caller. Its access token comes from `cgi-bin/stable_token`, not `cgi-bin/token`, whose every
 * call invalidates the token other instances hold.
 */
export function createWechatClient({ appId, secret, apiBase, policy, ...rest }: WechatClientOptions): WechatClient {
  return createPlatformClient({
    platform: 'wechat',
    apiRoot: `${apiBase}/`,
    credentials: { id: appId, secret },
    accessToken: {
      name: 'token',
      api: 'cgi-bin/stable_token',
      request: {
        method: 'POST',
        body: { grant_type: 'client_credential', appid: appId, secret, force_refresh: false },
      },
      field: 'access_token',
    },
    errcodes: WECHAT_ERRCODES,
    policy: { ...WECHAT_POLICY, ...policy },
    ...rest,
  });
}

export type WechatClient = PlatformClient;
