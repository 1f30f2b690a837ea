import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store';

/** WeChat passes `state` back verbatim but accepts at most 128 bytes of [a-zA-Z0-9]. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_LENGTH = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9]{32}$/;

/** A random token of 32 characters of [A-Za-z0-9] (≈190 bits). */
export function randomToken(): string {
  // 256 is not a multiple of 62: the bias is tiny and irrelevant with 32 characters.
  return Array.from(randomBytes(TOKEN_LENGTH), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export const isRandomToken = (value: string | undefined): value is string =>
  value !== undefined && TOKEN_PATTERN.test(value);

export interface OAuthStateRecord {
  /** Where to send the viewer afterwards: a path on our own origin. */
  returnTo: string;
  /** The browser that started the sign-in (the value of its sign-in cookie): nobody else may finish it. */
  browser: string;
}

/**
 * The OAuth `state`: a random key into the store, where the real payload (where to go back to, which browser)
 * waits. It cannot be forged (it is random and must exist), expires, and is taken on first use, so a replayed
 * callback finds nothing. WeChat's 128-byte alphanumeric limit rules out carrying a signed payload inline.
 *
 * Give it a store of its own: anyone may start a sign-in, so a flood of them must only crowd out other pending
 * sign-ins, never the access tokens, cards and back-off windows in the main store.
 */
export function createOAuthStates({
  store,
  ttlMs = 10 * 60_000,
  keyPrefix = 'oauth-state:',
}: {
  store: Store;
  ttlMs?: number;
  /** States of another sign-in (staff) live under a prefix of their own: one can never finish the other. */
  keyPrefix?: string;
}) {
  const key = (state: string) => `${keyPrefix}${state}`;
  return {
    ttlMs,
    async create(record: OAuthStateRecord): Promise<string> {
      const state = randomToken();
      await store.set(key(state), record, ttlMs);
      return state;
    },
    /** The record for `state`, removed so it can never be used again; `undefined` if unknown, expired or used. */
    async take(state: string | undefined): Promise<OAuthStateRecord | undefined> {
      if (!isRandomToken(state)) return undefined;
      return store.take<OAuthStateRecord>(key(state));
    },
  };
}

export type OAuthStates = ReturnType<typeof createOAuthStates>;
