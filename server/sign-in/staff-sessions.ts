import { randomBytes } from 'node:crypto';
import type { StaffRole } from '../../shared/staff-roles';
import { AppError, isAppError } from '../errors/app-error';
import type { Store } from '../store/store';
import { createSignedTokens } from './signed-tokens';

export interface StaffSession {
  userId: string;
  /** The role now, from the current lists: never from the token. */
  role: StaffRole;
  /** The server-side session this request's cookie names (what logout ends). */
  sessionId: string;
}

/** Who may enter the staff console and who of them may manage lives (`STAFF_USERIDS`, `STAFF_MANAGERS`). */
export interface StaffRoster {
  /** Everyone allowed in, managers included. */
  userIds: readonly string[];
  managers: readonly string[];
}

/** What the store keeps for a session: whose it is and when it began (on the store's clock). */
interface SessionRecord {
  userId: string;
  issuedAt: number;
}

/** How long to wait before trying again while the shared store cannot be reached. */
const STORE_RETRY_AFTER_SECONDS = 5;

const sessionKey = (sessionId: string) => `staff-session:${sessionId}`;
const revokedKey = (userId: string) => `staff-revoked:${userId}`;

export interface StaffSessionsOptions {
  secret: string;
  /**
   * Where sessions live: the shared store (Redis) with several instances. Give it a store that fails rather than
   * one that falls back to memory: a session unknown to this instance's memory is not a reason to trust or to drop
   * a member, so while the store cannot answer every staff request gets 503 + Retry-After.
   */
  store: Store;
  /** The lists as they are now, read on every request: a member taken off a list loses the rights at once. */
  roster: () => StaffRoster;
  ttlSeconds?: number;
  now?: () => number;
}

/**
 * Staff sessions held server-side. The `wlv_staff` cookie carries a signed token (`signed-tokens.ts`: HS256, a key
 * and an audience of its own) naming a random session id; the session itself is a record in the store, so logout
 * deletes it and the token is worth nothing from that moment. Every request also checks that no "sign out everywhere" for the member came after the
 * session began, and computes the role from the current lists. A working day (8 hours) at most.
 *
 * Sign out everywhere writes, per member, the moment before which every session is void (kept as long as a session
 * lasts): one write, seen by every instance on the shared store, whatever the number of sessions. The moments come
 * from the instances' clocks; a skew of a few ms between instances is harmless (a session begun in that instant may
 * go too).
 */
export function createStaffSessions({
  secret,
  store,
  roster,
  ttlSeconds = 8 * 3600,
  now = Date.now,
}: StaffSessionsOptions) {
  const tokens = createSignedTokens({
    // A key of its own, derived from the one secret: a viewer token can never verify here even with a forged audience.
    keySeed: `staff:${secret}`,
    // A token for viewers (audience `viewer`) is never a staff token, and the other way round.
    audience: 'staff',
    ttlSeconds,
    now,
    requiredClaims: ['exp', 'sub', 'jti'],
    words: { expired: 'Staff session expired; sign in again', invalid: 'Invalid staff session' },
  });
  const ttlMs = ttlSeconds * 1000;

  const invalid = (message: string) => new AppError('SESSION_INVALID', message);

  /** A store operation; its failure is a 503 the console retries, never a 500 nor a silent trust. */
  const stored = async <T>(operation: Promise<T>): Promise<T> => {
    try {
      return await operation;
    } catch (cause) {
      if (isAppError(cause)) throw cause;
      throw new AppError('UPSTREAM_UNAVAILABLE', 'Staff sessions cannot be checked right now; try again soon', {
        retryAfter: STORE_RETRY_AFTER_SECONDS,
        cause,
      });
    }
  };

  /** The member's role on the current lists; undefined when they are on neither. */
  function roleOf(userId: string): StaffRole | undefined {
    const { userIds, managers } = roster();
    return managers.includes(userId) ? 'manager' : userIds.includes(userId) ? 'staff' : undefined;
  }

  return {
    ttlSeconds,
    roleOf,

    /** Begins a session for `userId` and returns the cookie's token. */
    async issue(userId: string): Promise<string> {
      const sessionId = randomBytes(24).toString('base64url');
      const issuedAtMs = now();
      await stored(store.set<SessionRecord>(sessionKey(sessionId), { userId, issuedAt: issuedAtMs }, ttlMs));
      return (await tokens.issue(userId, {}, { jti: sessionId, issuedAtMs })).token;
    },

    /**
     * The session `token` names, with the member's role now. 401 `SESSION_INVALID` for anything forged, altered,
     * expired or a viewer's, for a session ended (logout, sign out everywhere) and for a member on neither list any
     * more; 503 `UPSTREAM_UNAVAILABLE` + Retry-After while the store cannot answer.
     */
    async verify(token: string): Promise<StaffSession> {
      const { userId, sessionId } = await tokens.verify(token, ({ sub, jti }) => ({ userId: sub!, sessionId: jti! }));
      const [record, revokedAt] = await stored(
        Promise.all([store.get<SessionRecord>(sessionKey(sessionId)), store.get<number>(revokedKey(userId))]),
      );
      if (!record || record.userId !== userId) throw invalid('Staff session ended; sign in again');
      if (revokedAt !== undefined && record.issuedAt <= revokedAt) {
        throw invalid('Signed out everywhere by a manager; sign in again');
      }
      const role = roleOf(userId);
      if (!role) {
        await stored(store.delete(sessionKey(sessionId)));
        throw invalid('No longer on the staff list');
      }
      return { userId, role, sessionId };
    },

    /** Ends one session (logout): its token is refused from now on, on every instance. */
    async end(sessionId: string): Promise<void> {
      await stored(store.delete(sessionKey(sessionId)));
    },

    /** Ends every session `userId` holds, on every instance sharing the store; sessions begun later are kept. */
    async signOutEverywhere(userId: string): Promise<void> {
      await stored(store.set(revokedKey(userId), now(), ttlMs));
    },
  };
}

export type StaffSessions = ReturnType<typeof createStaffSessions>;
