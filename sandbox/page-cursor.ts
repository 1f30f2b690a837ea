import { createHash } from 'node:crypto';

/**
 * get_user_all_livingid's `next_cursor`: opaque to clients (they must pass it back untouched), bound to the
 * member it was issued for so a cursor reused for another member is refused.
 */
export function encodeCursor(userId: string, offset: number): string {
  return Buffer.from(`${offset}:${memberTag(userId)}`).toString('base64url');
}

/** The offset a cursor stands for, or `undefined` when it is not one the sandbox issued for this member. */
export function decodeCursor(cursor: string, userId: string): number | undefined {
  const match = /^(\d{1,9}):([0-9a-f]{12})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || match[2] !== memberTag(userId)) return undefined;
  return Number(match[1]);
}

function memberTag(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 12);
}
