import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store';

/** WeChat passes `state` back verbatim but accepts at most 128 bytes of [a-zA-Z0-9]. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const STATE_LENGTH = 32;

export interface OAuthStateRecord {
  returnTo: string;
}

/**
 * The OAuth `state`: a random key (≈190 bits) into the store, where the real payload (where to go back to)
 * waits. It cannot be forged (it is random and must exist), expires, and is taken on first use, so a replayed
 * callback finds nothing. WeChat's 128-byte alphanumeric limit rules out carrying a signed payload inline.
 */
export function createOAuthStates({ store, ttlMs = 10 * 60_000 }: { store: Store; ttlMs?: number }) {
  const key = (state: string) => `oauth-state:${state}`;
  return {
    async create(record: OAuthStateRecord): Promise<string> {
      // 256 is not a multiple of 62: the bias is tiny and irrelevant with 32 characters.
      const state = Array.from(randomBytes(STATE_LENGTH), (b) => ALPHABET[b % ALPHABET.length]).join('');
      await store.set(key(state), record, ttlMs);
      return state;
    },
    /** The record for `state`, removed so it can never be used again; `undefined` if unknown, expired or used. */
    async take(state: string): Promise<OAuthStateRecord | undefined> {
      if (!/^[A-Za-z0-9]{1,128}$/.test(state)) return undefined;
      return store.take<OAuthStateRecord>(key(state));
    },
  };
}

export type OAuthStates = ReturnType<typeof createOAuthStates>;
