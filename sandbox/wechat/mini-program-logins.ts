import { createHash } from 'node:crypto';
import { randomSessionKey } from '../core/random-strings';

/** What tests may ask about mini program logins. */
export interface SandboxWechat {
  /** Every `session_key` handed out, so tests can check none of them leaks into the BFF's answers or logs. */
  issuedSessionKeys(): string[];
  /**
   * The openid jscode2session answers for `jsCode`. It depends on the app id and on the code's part before its
   * first `-` (the whole code if it has none): `alice-1` and `alice-2` are two logins of the same person, as two
   * `wx.login()` codes of one WeChat user would be.
   */
  openidForCode(jsCode: string): string;
}

export interface WechatLogins extends SandboxWechat {
  /** Marks a code used; false when it was used before (WeChat codes are single-use → 40163). */
  consume(jsCode: string): boolean;
  isUsed(jsCode: string): boolean;
  newSessionKey(): string;
  clear(): void;
}

export function createWechatLogins({ appId }: { appId: string }): WechatLogins {
  const used = new Set<string>();
  const sessionKeys: string[] = [];
  return {
    openidForCode(jsCode) {
      const dash = jsCode.indexOf('-');
      const person = dash > 0 ? jsCode.slice(0, dash) : jsCode;
      // Mini program openids are 28 URL-safe characters starting with 'o', e.g. o0ST70OwjmIJux943SqccU9ncEB4.
      return `o${createHash('sha256').update(`${appId}:${person}`).digest('base64url').slice(0, 27)}`;
    },
    consume(jsCode) {
      if (used.has(jsCode)) return false;
      used.add(jsCode);
      return true;
    },
    isUsed: (jsCode) => used.has(jsCode),
    newSessionKey() {
      const key = randomSessionKey();
      sessionKeys.push(key);
      return key;
    },
    issuedSessionKeys: () => [...sessionKeys],
    clear() {
      used.clear();
      sessionKeys.length = 0;
    },
  };
}
