import { createHash } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { AppError } from '../../../server/errors/app-error';
import { createStaffSessions, type StaffRoster } from '../../../server/sign-in/staff-sessions';
import { createMemoryStore } from '../../../server/store/memory-store';
import type { Store } from '../../../server/store/store';
import { createSessionTokens } from '../../../server/sign-in/viewer-session-tokens';
import { manualClock } from '../harness';

/**
 * Staff sessions through their own API, on a memory store and a manual clock (the routes, the guard and two
 * instances on one Redis are in adversary/staff-revocation.test.ts): what a token is, what makes one worthless, and
 * what a store that cannot answer does.
 */
const SECRET = 'a-staff-test-secret-of-at-least-32-characters';
const START = Date.UTC(2026, 11, 4, 9, 0, 0); // a whole second, far from the real clock

/** What `verify` throws, as code and message (an unexpected success fails the test). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('staff sessions', () => {
  let clock: ReturnType<typeof manualClock>;
  let store: Store;
  let roster: StaffRoster;
  let sessions: ReturnType<typeof createStaffSessions>;
  beforeEach(() => {
    clock = manualClock(START);
    store = createMemoryStore({ now: clock.now });
    roster = { userIds: ['zhaomin', 'lifang'], managers: ['lifang'] };
    sessions = createStaffSessions({ secret: SECRET, store, roster: () => roster, now: clock.now });
  });

  /** A token signed with the staff key (as one holding SESSION_SECRET could), with these claims. */
  const forge = (claims: { sub?: string; jti?: string; iss?: string; aud?: string; iat?: number; exp?: number }) => {
    const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' });
    if (claims.sub !== undefined) jwt.setSubject(claims.sub);
    if (claims.jti !== undefined) jwt.setJti(claims.jti);
    if (claims.iss !== undefined) jwt.setIssuer(claims.iss);
    if (claims.aud !== undefined) jwt.setAudience(claims.aud);
    jwt.setIssuedAt(claims.iat ?? Math.floor(clock.now() / 1000));
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(createHash('sha256').update(`staff:${SECRET}`).digest());
  };

  it('issues an HS256 token naming the member and a random session, valid for 8 hours', async () => {
    expect(sessions.ttlSeconds).toBe(8 * 3600);
    const token = await sessions.issue('zhaomin');
    const other = await sessions.issue('zhaomin');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: 'zhaomin',
      iss: 'wecom-live-bff',
      aud: 'staff',
      iat: START / 1000,
      exp: START / 1000 + 8 * 3600,
    });
    expect(claims.jti).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes
    expect(decodeJwt(other).jti).not.toBe(claims.jti);
    const session = await sessions.verify(token);
    expect(session).toEqual({ userId: 'zhaomin', role: 'staff', sessionId: claims.jti });
  });

  it('reads the role from the lists as they are now, a manager on the managers list alone included', async () => {
    expect(sessions.roleOf('zhaomin')).toBe('staff');
    expect(sessions.roleOf('lifang')).toBe('manager');
    expect(sessions.roleOf('nobody')).toBeUndefined();
    const token = await sessions.issue('zhaomin');
    roster = { userIds: ['zhaomin'], managers: ['zhaomin'] };
    expect((await sessions.verify(token)).role).toBe('manager');
    roster = { userIds: [], managers: ['wangwu'] };
    expect(sessions.roleOf('wangwu')).toBe('manager');
  });

  it('keeps a session to the end of its 8 hours and not a second longer', async () => {
    const token = await sessions.issue('lifang');
    clock.advance(8 * 3600 * 1000 - 1000);
    expect((await sessions.verify(token)).userId).toBe('lifang');
    clock.advance(1000);
    const expired = await refusal(sessions.verify(token));
    expect([expired.code, expired.message]).toEqual(['SESSION_INVALID', 'Staff session expired; sign in again']);
    expect(expired.cause).toBeDefined();
  });

  it('honours a shorter ttl for the token and the stored session alike', async () => {
    const short = createStaffSessions({ secret: SECRET, store, roster: () => roster, now: clock.now, ttlSeconds: 60 });
    const token = await short.issue('zhaomin');
    expect(decodeJwt(token).exp).toBe(START / 1000 + 60);
    clock.advance(59_000);
    expect((await short.verify(token)).userId).toBe('zhaomin');
  });

  it('refuses anything not its own: garbage, another secret, a viewer token, a forged issuer or audience', async () => {
    const garbage = await refusal(sessions.verify('not.a.token'));
    expect([garbage.code, garbage.message, garbage.status]).toEqual(['SESSION_INVALID', 'Invalid staff session', 401]);
    expect(garbage.cause).toBeDefined();

    const elsewhere = createStaffSessions({ secret: `${SECRET}-other`, store, roster: () => roster, now: clock.now });
    expect((await refusal(sessions.verify(await elsewhere.issue('zhaomin')))).code).toBe('SESSION_INVALID');

    const viewers = createSessionTokens({ secret: SECRET, appIds: ['wxapp'], now: clock.now });
    const viewer = await viewers.issue({ openid: 'zhaomin', appId: 'wxapp', via: 'h5' });
    expect((await refusal(sessions.verify(viewer.token))).code).toBe('SESSION_INVALID');

    const { jti } = decodeJwt(await sessions.issue('zhaomin'));
    const exp = START / 1000 + 3600;
    const good = { sub: 'zhaomin', jti: jti!, iss: 'wecom-live-bff', aud: 'staff', exp };
    expect((await sessions.verify(await forge(good))).userId).toBe('zhaomin'); // the forgery itself is right
    for (const claims of [
      { ...good, iss: 'someone-else' },
      { ...good, aud: 'viewer' },
      { ...good, iss: undefined },
      { ...good, aud: undefined },
      { ...good, exp: undefined },
      { ...good, sub: undefined },
      { ...good, jti: undefined },
    ]) {
      const err = await refusal(sessions.verify(await forge(claims)));
      expect([err.code, err.message]).toEqual(['SESSION_INVALID', 'Invalid staff session']);
    }
    // A token naming another member's session is no way into it.
    const err = await refusal(sessions.verify(await forge({ ...good, sub: 'lifang' })));
    expect([err.code, err.message]).toEqual(['SESSION_INVALID', 'Staff session ended; sign in again']);
  });

  it('refuses an alg other than HS256 even with the right key', async () => {
    const { jti } = decodeJwt(await sessions.issue('zhaomin'));
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('zhaomin')
      .setJti(jti!)
      .setIssuer('wecom-live-bff')
      .setAudience('staff')
      .setIssuedAt(START / 1000)
      .setExpirationTime(START / 1000 + 3600)
      .sign(createHash('sha256').update(`staff:${SECRET}`).digest());
    expect((await refusal(sessions.verify(token))).message).toBe('Invalid staff session');
  });

  it('ends one session at logout and keeps the member’s others', async () => {
    const laptop = await sessions.issue('zhaomin');
    const phone = await sessions.issue('zhaomin');
    const { sessionId } = await sessions.verify(laptop);
    await sessions.end(sessionId);
    const ended = await refusal(sessions.verify(laptop));
    expect([ended.code, ended.message, ended.cause]).toEqual([
      'SESSION_INVALID',
      'Staff session ended; sign in again',
      undefined,
    ]);
    expect((await sessions.verify(phone)).userId).toBe('zhaomin');
  });

  it('signs a member out everywhere: sessions begun until that very millisecond go, later ones and others stay', async () => {
    const before = await sessions.issue('zhaomin');
    clock.advance(1000);
    const sameMs = await sessions.issue('zhaomin');
    const colleague = await sessions.issue('lifang');
    await sessions.signOutEverywhere('zhaomin');
    clock.advance(1);
    const after = await sessions.issue('zhaomin');
    for (const token of [before, sameMs]) {
      const err = await refusal(sessions.verify(token));
      expect([err.code, err.message]).toEqual(['SESSION_INVALID', 'Signed out everywhere by a manager; sign in again']);
    }
    expect((await sessions.verify(after)).userId).toBe('zhaomin');
    expect((await sessions.verify(colleague)).userId).toBe('lifang');
    // The mark lasts as long as a session can: an hour on, the old sessions are still void.
    clock.advance(3600 * 1000);
    expect((await refusal(sessions.verify(before))).message).toBe('Signed out everywhere by a manager; sign in again');
  });

  it('ends the session of a member taken off the lists: being put back does not revive it', async () => {
    const token = await sessions.issue('zhaomin');
    roster = { userIds: ['lifang'], managers: ['lifang'] };
    const err = await refusal(sessions.verify(token));
    expect([err.code, err.message]).toEqual(['SESSION_INVALID', 'No longer on the staff list']);
    roster = { userIds: ['zhaomin', 'lifang'], managers: ['lifang'] };
    expect((await refusal(sessions.verify(token))).message).toBe('Staff session ended; sign in again');
    expect((await sessions.verify(await sessions.issue('zhaomin'))).role).toBe('staff');
  });

  describe('while the store cannot answer', () => {
    let failing = false;
    let failure: unknown = new Error('connection refused');
    const flaky = (): Store => {
      const inner = createMemoryStore({ now: () => clock.now() });
      const guard =
        <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
        async (...args: A): Promise<R> => {
          if (failing) throw failure;
          return fn(...args);
        };
      return {
        ...inner,
        get: guard(inner.get.bind(inner)) as Store['get'],
        set: guard(inner.set.bind(inner)) as Store['set'],
        delete: guard(inner.delete.bind(inner)),
      };
    };
    beforeEach(() => {
      failing = false;
      failure = new Error('connection refused');
      sessions = createStaffSessions({ secret: SECRET, store: flaky(), roster: () => roster, now: clock.now });
    });

    it('answers 503 with Retry-After for every operation, neither trusting nor dropping anyone', async () => {
      const token = await sessions.issue('zhaomin');
      const { sessionId } = await sessions.verify(token);
      failing = true;
      for (const operation of [
        () => sessions.issue('zhaomin'),
        () => sessions.verify(token),
        () => sessions.end(sessionId),
        () => sessions.signOutEverywhere('zhaomin'),
      ]) {
        const err = await refusal(operation());
        expect([err.code, err.status, err.retryAfter]).toEqual(['UPSTREAM_UNAVAILABLE', 503, 5]);
        expect(err.message).toBe('Staff sessions cannot be checked right now; try again soon');
        expect(err.cause).toBe(failure);
      }
      roster = { userIds: [], managers: [] };
      expect((await refusal(sessions.verify(token))).code).toBe('UPSTREAM_UNAVAILABLE'); // the delete failed
      failing = false;
      roster = { userIds: ['zhaomin'], managers: [] };
      expect((await sessions.verify(token)).userId).toBe('zhaomin'); // nothing was lost meanwhile
    });

    it('passes on an answer the store gives as an AppError (e.g. its own 503) unchanged', async () => {
      const token = await sessions.issue('zhaomin');
      failure = new AppError('UPSTREAM_BUSY', 'store busy', { retryAfter: 9 });
      failing = true;
      expect(await refusal(sessions.verify(token))).toBe(failure);
    });
  });
});
