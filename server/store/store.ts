/**
 * The small key-value interface behind every cache and every "do this once" in the BFF: access tokens, live
 * cards, viewers' living codes, upstream back-off windows. In one process it is memory (`memory-store.ts`); several
 * BFF instances share one Redis (`redis-store.ts`). Both pass the same contract suite.
 *
 * Values must be JSON-safe (a shared store serializes them) and must not be mutated after `set`.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` for `ttlMs` milliseconds. */
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Returns the value and removes it in one step: whatever is taken once cannot be taken again (single-use). */
  take<T>(key: string): Promise<T | undefined>;
  /** Stores `value` only if the key holds nothing (live): `true` for the one caller that did. */
  add<T>(key: string, value: T, ttlMs: number): Promise<boolean>;
  /** Removes the key only if it still holds `expected` (as JSON): a value another caller replaced stays. */
  deleteIfEqual(key: string, expected: unknown): Promise<boolean>;
  /**
   * Runs `work` once for all concurrent callers with the same key and gives each of them its result (or error).
   * In a shared store the "once" holds across instances.
   */
  singleFlight<T>(key: string, work: () => Promise<T>): Promise<T>;
}
