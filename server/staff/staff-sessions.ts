import { createHash } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { AppError } from '../errors/app-error';

/** What a staff member may do: `staff` sees stats and share kits, `manager` may also manage lives. */
export type StaffRole = 'staff' | 'manager';

export interface StaffSession {
  userId: string;
  role: StaffRole;
}

const ISSUER = 'wecom-live-bff';
/** A token for viewers (audience `viewer`) is never a staff token, and the other way round. */
const AUDIENCE = 'staff';

/** Signed (HS256), short-lived staff sessions: a working day, then sign in again. */
export function createStaffSessions({
  secret,
  ttlSeconds = 8 * 3600,
  now = Date.now,
}: {
  secret: string;
  ttlSeconds?: number;
  now?: () => number;
}) {
  // A key of its own, derived from the one secret: a viewer token can never verify here even with a forged audience.
  const key = createHash('sha256').update(`staff:${secret}`).digest();
  return {
    ttlSeconds,
    async issue(session: StaffSession): Promise<string> {
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({ role: session.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(session.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
    },
    /** The session inside `token`; 401 `SESSION_INVALID` for anything forged, altered, expired or a viewer's. */
    async verify(token: string): Promise<StaffSession> {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(now()),
        });
        if (typeof payload.sub !== 'string' || (payload.role !== 'staff' && payload.role !== 'manager')) {
          throw new Error('staff claims missing');
        }
        return { userId: payload.sub, role: payload.role };
      } catch (err) {
        const expired = err instanceof errors.JWTExpired;
        throw new AppError(
          'SESSION_INVALID',
          expired ? 'Staff session expired; sign in again' : 'Invalid staff session',
          { cause: err },
        );
      }
    },
  };
}

export type StaffSessions = ReturnType<typeof createStaffSessions>;
