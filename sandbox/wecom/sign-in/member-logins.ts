import { createHash } from 'node:crypto';
import { randomWecomOAuthCode } from '../../core/random-strings';
import { SANDBOX_MEMBERS, SANDBOX_STAFF_MEMBER, isSandboxMember, type SandboxMember } from '../members';

/** What tests may do to WeCom member sign-ins (OAuth inside the WeCom client, web QR login outside it). */
export interface SandboxMembers {
  /** The corp's members by userid ({@link SANDBOX_MEMBERS}). */
  list(): Readonly<Record<string, SandboxMember>>;
  /**
   * A code for `person` as the sign-in pages redirect with it, without the browser round trip: single-use, valid for
   * the configured TTL. A member's userid trades for that `userid`; any other name is an external person, traded
   * for an openid.
   */
  codeFor(person: string): string;
  /** Every code handed out (pages and `codeFor`), oldest first, used or not. */
  issuedCodes(): string[];
  /** The openid getuserinfo answers for an external person (anyone not in {@link SANDBOX_MEMBERS}). */
  openidFor(person: string): string;
  /**
   * The `external_userid` getuserinfo adds for an external person who is one of the corp's customers (客户). In the
   * sandbox a customer is a non-member whose name starts with `customer` (`customer1`); other outsiders get none.
   */
  externalUseridFor(person: string): string | undefined;
  /**
   * Who "scans" the web login QR code: it approves as this person whatever the browser's cookie says, until
   * `scanAs(undefined)` (or `reset()`) hands the choice back to the cookie.
   */
  scanAs(person: string | undefined): void;
  /** The person set by `scanAs`, if any. */
  scanner(): string | undefined;
}

/** Non-members whose name starts with this are the corp's customers (they have an external_userid). */
const CUSTOMER_PREFIX = 'customer';

export type MemberCodeRedemption = { ok: true; person: string } | { ok: false; errcode: 40029 };

export interface MemberLogins extends SandboxMembers {
  /**
   * Uses a code up. WeCom answers 40029 alike for a code it never issued, one that expired and one used before.
   * Only a successful redemption uses it.
   */
  redeem(code: string): MemberCodeRedemption;
  clear(): void;
}

/**
 * Who a sign-in page approves: the `sandbox_wecom_user` cookie, or {@link SANDBOX_STAFF_MEMBER} when it is
 * missing or empty. Any other value is taken as it is, so `external` (or a typo) is a non-member, never a member.
 */
export function personFromCookie(cookie: string | undefined): string {
  const person = cookie?.trim();
  return person ? person : SANDBOX_STAFF_MEMBER;
}

export function createMemberLogins({
  corpId,
  now,
  codeTtlSeconds,
}: {
  corpId: string;
  now: () => number;
  codeTtlSeconds: number;
}): MemberLogins {
  const codes = new Map<string, { person: string; expiresAt: number; used: boolean }>();
  let scanning: string | undefined;
  return {
    list: () => SANDBOX_MEMBERS,
    codeFor(person) {
      const code = randomWecomOAuthCode();
      codes.set(code, { person, expiresAt: now() + codeTtlSeconds * 1000, used: false });
      return code;
    },
    redeem(code) {
      const issued = codes.get(code);
      if (!issued || issued.used || issued.expiresAt <= now()) return { ok: false, errcode: 40029 };
      issued.used = true;
      return { ok: true, person: issued.person };
    },
    issuedCodes: () => [...codes.keys()],
    openidFor(person) {
      if (isSandboxMember(person)) throw new RangeError(`sandbox: ${person} is a member; members have a userid`);
      // WeCom's openid for a non-member: per corp, 28 URL-safe characters starting with 'o', as WeChat's.
      return `o${createHash('sha256').update(`wecom:${corpId}:${person}`).digest('base64url').slice(0, 27)}`;
    },
    externalUseridFor(person) {
      if (isSandboxMember(person) || !person.startsWith(CUSTOMER_PREFIX)) return undefined;
      // External contact ids start with 'wm' (or 'wo' for some) and run 32 characters.
      return `wm${createHash('sha256').update(`external:${corpId}:${person}`).digest('base64url').slice(0, 30)}`;
    },
    scanAs(person) {
      scanning = person?.trim() ? person.trim() : undefined;
    },
    scanner: () => scanning,
    clear() {
      codes.clear();
      scanning = undefined;
    },
  };
}
