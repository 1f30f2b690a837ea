/**
 * The credentials the sandbox accepts unless others are passed to `createSandbox`. They look like real ones (a
 * `ww…` corp id, a 43-character secret, a `wx…` app id, a 32-hex app secret) so format checks in the BFF's config
 * loader pass, but they are public and worthless anywhere else.
 */
export const SANDBOX_CREDENTIALS = {
  corpId: 'ww5a7f0c3e9b1d2468',
  corpSecret: 'SandboxCorpSecret-0123456789abcdefghijklmno',
  miniAppId: 'wx3c9e1a7b5d2f4680',
  miniSecret: '5a1d9c3e7b2f40686e8a0c4b2d1f3e57',
} as const;

export interface SandboxCredentials {
  corpId: string;
  corpSecret: string;
  miniAppId: string;
  miniSecret: string;
}
