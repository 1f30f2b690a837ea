import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ISSUED_VISITOR_ID } from '../../shared/api';

/**
 * The shape of a visitor id the BFF issued: a random id, a dot, its signature (both base64url). What the H5 visitor
 * cookie holds and what the mini program keeps as its install id.
 */
export const SIGNED_VISITOR_ID = ISSUED_VISITOR_ID;

/**
 * Visitor ids for the funnel, issued and signed by the BFF (HMAC-SHA256 under the session secret, so every instance
 * knows them): a client cannot make up a new unique visitor, it can only be given one — and how many it is given
 * per minute is capped per client address (`newVisitor` in `client-limits.ts`). Stateless: nothing is stored per id.
 */
export function createVisitorIds(secret: string) {
  const sign = (id: string) =>
    createHmac('sha256', secret).update(`funnel-visitor-id:${id}`).digest('base64url').slice(0, 22);
  return {
    /** A new signed id (`id.signature`). */
    issue(): string {
      const id = randomBytes(16).toString('base64url');
      return `${id}.${sign(id)}`;
    },
    /** The id inside `signed` when this BFF signed it; undefined for anything else (unsigned, forged, malformed). */
    verify(signed: string): string | undefined {
      if (!SIGNED_VISITOR_ID.test(signed)) return undefined;
      const [id, signature] = signed.split('.') as [string, string];
      const expected = Buffer.from(sign(id));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
    },
  };
}

export type VisitorIds = ReturnType<typeof createVisitorIds>;
