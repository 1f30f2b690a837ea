import { randomBytes, randomInt } from 'node:crypto';

/**
 * A WeCom access token: long (real ones run past 200 characters) and URL-safe, so a client that truncates,
 * logs or mis-encodes it shows up in tests.
 */
export function randomAccessToken(): string {
  return randomBytes(160).toString('base64url');
}

/**
 * A `living_code`. WeCom documents it only as an opaque string; sandbox codes are standard base64 that ALWAYS holds
 * `+`, `/` and `=`, the three characters that break when a code is put into a URL or a mini program `path`
 * without encoding (`+` turns into a space, `/` splits the path, `=` splits a query pair). A client that
 * forgets `encodeURIComponent` fails every time against the sandbox instead of once in a while in production.
 */
export function randomLivingCode(): string {
  // 32 bytes → 43 significant characters + one '='. Characters 0–41 each carry six whole bits, so overwriting
  // two of them keeps the string valid, canonical base64.
  const chars = randomBytes(32).toString('base64').split('');
  const plusAt = randomInt(0, 42);
  let slashAt = randomInt(0, 41);
  if (slashAt >= plusAt) slashAt++;
  chars[plusAt] = '+';
  chars[slashAt] = '/';
  return chars.join('');
}

/** A WeChat `session_key`: base64 of 16 random bytes, like `iFDmsBIsge7eX+6GG89KBg==`. */
export function randomSessionKey(): string {
  return randomBytes(16).toString('base64');
}

/**
 * A web OAuth `code` as WeChat appends it to the redirect: 32 letters and digits, like
 * `061AbcDe0zKDNz1Uw1Ge0qXm1x0AbcDL`. Nothing in it needs URL-encoding, as in reality.
 */
export function randomOAuthCode(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 32 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/**
 * A WeCom OAuth / web login `code`: 43 letters and digits, like WeCom's documented
 * `eh3CZBgG333qs9EdaPbCAP1VaOrjuNkiAZHTWgaWsZQ` (WeCom allows up to 512 bytes).
 */
export function randomWecomOAuthCode(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 43 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** A JS-SDK `jsapi_ticket`: 86 URL-safe characters, as long as real ones (e.g. `bxLdikRXVbTPdHSM05e5u5sU…`). */
export function randomJsapiTicket(): string {
  return randomBytes(64).toString('base64url');
}

/** The `hint: [...]` WeCom puts into every errmsg, e.g. `1597733128_47_64fcadb1b2caaa453d570b16348fd1ae`. */
export function wecomHint(nowMs: number): string {
  return `${Math.floor(nowMs / 1000)}_${randomInt(10, 100)}_${randomBytes(16).toString('hex')}`;
}

/** The `rid: ...` WeChat puts into every errmsg, e.g. `649cf426-37effc82-48431a0b`. */
export function wechatRid(nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return `${seconds}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}
