/**
 * A set of ids that only grows, for facts every instance must agree on (which lives this app created). The
 * `Store` has keys with lifetimes and no sets; this is the one primitive that needs a set. In memory for one
 * instance, on Redis (`id-set-redis.ts`) for several; both pass one contract suite.
 */
export interface IdSet {
  add(id: string): Promise<void>;
  has(id: string): Promise<boolean>;
  /** Every id, in no particular order. */
  all(): Promise<string[]>;
}

/** One process's set. */
export function createMemoryIdSet(): IdSet {
  const ids = new Set<string>();
  return {
    add: async (id) => void ids.add(id),
    has: async (id) => ids.has(id),
    all: async () => [...ids],
  };
}
