/**
 * The credentials the sandbox accepts unless others are passed to `createSandbox`. They look like real ones (a
 * `ww…` corp id, a 43-character secret, `wx…` app ids, 32-hex app secrets) so format checks in the BFF's config
 * loader pass, but they are public and worthless anywhere else. `mp…` is the verified service account the H5 pages
 * log in with (web OAuth) and sign JS-SDK configs for; `mini…` is the mini program. `agentId` is the WeCom app's
 AgentID (1000002, the id WeCom gives a corp's first self-built app), which member sign-in names.
 */
export const SANDBOX_CREDENTIALS = {
  corpId: 'ww5a7f0c3e9b1d2468',
  corpSecret: 'SandboxCorpSecret-0123456789abcdefghijklmno',
  agentId: '1000002',
  miniAppId: 'wx3c9e1a7b5d2f4680',
  miniSecret: '5a1d9c3e7b2f40686e8a0c4b2d1f3e57',
  mpAppId: 'wx8d4b2f6a0c1e3957',
  mpSecret: '9c2e4a6b8d0f13575b7d9f1a3c5e7092',
} as const;

export interface SandboxCredentials {
  corpId: string;
  corpSecret: string;
  /** The WeCom app's AgentID: member OAuth and web login must name it. */
  agentId: string;
  miniAppId: string;
  miniSecret: string;
  mpAppId: string;
  mpSecret: string;
}
