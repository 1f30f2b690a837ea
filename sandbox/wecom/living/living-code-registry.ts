import { randomLivingCode } from '../../core/random-strings';

/** One `living_code` the sandbox handed out. */
export interface IssuedLivingCode {
  code: string;
  livingId: string;
  openid: string;
  /** Clock time (ms). */
  issuedAt: number;
  /** `issuedAt` + the code's lifetime: WeCom lets a code be reused for five minutes. */
  expiresAt: number;
}

/** What tests may ask about issued codes, e.g. to play WeCom's live mini program checking one. */
export interface SandboxLivingCodes {
  issued(): IssuedLivingCode[];
  /** The record of `code`, expired or not; `undefined` if the sandbox never issued it. */
  lookup(code: string): IssuedLivingCode | undefined;
}

export interface LivingCodeRegistry extends SandboxLivingCodes {
  issue(livingId: string, openid: string): IssuedLivingCode;
  clear(): void;
}

export function createLivingCodeRegistry({
  now,
  ttlSeconds,
}: {
  now: () => number;
  ttlSeconds: number;
}): LivingCodeRegistry {
  const codes = new Map<string, IssuedLivingCode>();
  return {
    issue(livingId, openid) {
      const issuedAt = now();
      const record = { code: randomLivingCode(), livingId, openid, issuedAt, expiresAt: issuedAt + ttlSeconds * 1000 };
      codes.set(record.code, record);
      return { ...record };
    },
    issued: () => [...codes.values()].map((record) => ({ ...record })),
    lookup(code) {
      const record = codes.get(code);
      return record && { ...record };
    },
    clear: () => codes.clear(),
  };
}
