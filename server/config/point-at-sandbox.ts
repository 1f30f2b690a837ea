import type { SandboxCredentials } from '../sandbox';
import type { Config } from './config';

/**
 * The configuration with every WeCom and WeChat origin and credential replaced by the sandbox's, for sandbox mode,
 * tests and benchmarks. Everything else (port, featured lives, public origin) is kept.
 */
export function pointAtSandbox(config: Config, sandboxUrl: string, credentials: SandboxCredentials): Config {
  const { corpId, corpSecret, miniAppId, miniSecret, mpAppId, mpSecret } = credentials;
  return {
    ...config,
    wecom: { corpId, secret: corpSecret, apiBase: sandboxUrl },
    wechat: { miniAppId, miniSecret, apiBase: sandboxUrl },
    officialAccount: { appId: mpAppId, secret: mpSecret, openBase: sandboxUrl },
  };
}
