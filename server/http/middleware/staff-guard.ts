import type { Context } from 'koa';
import { STAFF_COOKIE } from '../../../shared/cookie-names';
import { mayManageLives } from '../../../shared/staff-roles';
import { AppError } from '../../errors/app-error';
import type { StaffSession } from '../../sign-in/staff-sessions';
import type { StaffSignIn } from '../../sign-in/staff-sign-in';

/**
 * The router's guards for staff routes. Staff come only by their cookie (no bearer: a viewer's token can never be
 * tried here). A request that changes something must come from our own pages: the router checks that for every
 * such route, viewers' too, before this guard runs (`same-origin.ts`, told that staff come only by cookie, so
 * `Origin` must be the public origin); with the Strict cookie, cross-site forgery is refused twice over. `manager`
 * routes also need the manager role. The session and the role are checked against the store and the current lists
 * on every request (`verify`).
 */
export function staffGuards({ signIn }: { signIn: Pick<StaffSignIn, 'verify'> }) {
  async function staff(ctx: Context): Promise<StaffSession> {
    const token = ctx.cookies.get(STAFF_COOKIE);
    if (!token) throw new AppError('SESSION_REQUIRED', 'Staff sign in first');
    return signIn.verify(token);
  }
  return {
    staff,
    async manager(ctx: Context): Promise<StaffSession> {
      const session = await staff(ctx);
      if (!mayManageLives(session.role)) throw new AppError('FORBIDDEN', 'Only managers may do this');
      return session;
    },
  };
}
