import type { SandboxCredentials } from './core/credentials';

/** The part of the BFF's configuration that says where WeCom and WeChat are and which apps call them. */
export interface PlatformTargets {
  wecom: { corpId: string; secret: string; apiBase: string };
  wechat: { miniAppId: string; miniSecret: string; apiBase: string };
  officialAccount: { appId: string; secret: string; openBase: string };
}

/**
 * The configuration with every WeCom and WeChat origin and credential replaced by the sandbox's, for sandbox mode,
 * tests and benchmarks. Everything else (port, featured lives, public origin) is kept. Typed by shape, so the
 * emulator depends on nothing of the BFF.
 */
export function pointAtSandbox<C extends PlatformTargets>(
  config: C,
  sandboxUrl: string,
  credentials: SandboxCredentials,
): C {
  const { corpId, corpSecret, miniAppId, miniSecret, mpAppId, mpSecret } = credentials;
  return {
    ...config,
    wecom: { ...config.wecom, corpId, secret: corpSecret, apiBase: sandboxUrl },
    wechat: { ...config.wechat, miniAppId, miniSecret, apiBase: sandboxUrl },
    officialAccount: { ...config.officialAccount, appId: mpAppId, secret: mpSecret, openBase: sandboxUrl },
  };
}
