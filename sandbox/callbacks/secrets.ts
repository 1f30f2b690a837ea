import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fresh EncodingAESKey: base64 of 32 random bytes without the trailing `=`, 43 characters. WeCom's console only
 * takes the 62 letters and digits, so keys holding `+` or `/` are drawn again (about four draws on average): the
 * key is still canonical base64 of 32 random bytes, and also one an admin could paste into the console.
 */
export function randomEncodingAesKey(): string {
  for (;;) {
    const key = randomBytes(32).toString('base64').slice(0, 43);
    if (/^[A-Za-z0-9]{43}$/.test(key)) return key;
  }
}

/** A fresh callback Token: 32 letters and digits, the longest WeCom's console accepts. */
export function randomCallbackToken(): string {
  return Array.from({ length: 32 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}

/**
 * A Token and an EncodingAESKey for sandbox mode, where nobody set them in a console: the BFF's start code gives
 * the same pair to its own config and to `sandbox.callbacks.configure`.
 */
export function randomCallbackSecrets(): { token: string; aesKey: string } {
  return { token: randomCallbackToken(), aesKey: randomEncodingAesKey() };
}
