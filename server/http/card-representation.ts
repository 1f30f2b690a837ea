import { createHash } from 'node:crypto';

/** A card as the API serves it: its JSON, and the validator polls send back. */
export interface CardRepresentation {
  json: string;
  /** Weak ETag over the JSON: clients polling an unchanged live get 304 and no body. */
  etag: string;
}

/**
 * Serialization memoized per card object: a fresh card is one shared object for every request in its cache
 * period, so thousands of polls (and pages carrying it) cost one stringify and one hash.
 */
const representations = new WeakMap<object, CardRepresentation>();

export function representCard(card: object): CardRepresentation {
  let r = representations.get(card);
  if (!r) {
    const json = JSON.stringify(card);
    r = { json, etag: `W/"${createHash('sha1').update(json).digest('base64url').slice(0, 22)}"` };
    representations.set(card, r);
  }
  return r;
}
