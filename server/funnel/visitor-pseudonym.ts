import { createHmac } from 'node:crypto';

/**
 * What the funnel keeps instead of who someone is: an HMAC of their identity (a session's openid, a visitor cookie,
 * a mini program install id) under the BFF's secret. The same visitor gives the same pseudonym on every instance,
 * and nobody reading Redis can tell whose it is or test a guessed openid against it.
 */
export function createVisitorPseudonym(secret: string) {
  return (identity: string): string =>
    createHmac('sha256', secret).update(`funnel-visitor:${identity}`).digest('base64url').slice(0, 22);
}

export type VisitorPseudonym = ReturnType<typeof createVisitorPseudonym>;
