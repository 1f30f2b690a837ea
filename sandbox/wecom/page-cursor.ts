import { createHash } from 'node:crypto';

/**
 * A paged WeCom call's cursor (get_user_all_livingid's `next_cursor`, get_watch_stat's `next_key`): opaque to
 * clients (they must pass it back untouched), bound to what it was issued for (`scope`: the member, the live) so
 * a cursor reused for another is refused.
 */
export function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(`${offset}:${scopeTag(scope)}`).toString('base64url');
}

/** The offset a cursor stands for, or `undefined` when it is not one the sandbox issued for this scope. */
export function decodeCursor(cursor: string, scope: string): number | undefined {
  const match = /^(\d{1,9}):([0-9a-f]{12})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || match[2] !== scopeTag(scope)) return undefined;
  return Number(match[1]);
}

function scopeTag(scope: string): string {
  return createHash('sha256').update(scope).digest('hex').slice(0, 12);
}
