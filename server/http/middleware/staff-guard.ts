import type { Context } from 'koa';
import { AppError } from '../../errors/app-error';
import type { StaffSession } from '../../staff/staff-sessions';
import type { StaffSignIn } from '../../staff/staff-sign-in';

/** The staff session cookie: HttpOnly, SameSite=Strict, a working day. Never sent with a viewer's requests. */
export const STAFF_COOKIE = 'wlv_staff';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The router's guards for staff routes. Staff come only by their cookie (no bearer: a viewer's token can never be
 * tried here). A request that changes something must come from our own pages (`Origin` is the public origin): with
 * the Strict cookie, that refuses cross-site forgery twice over. `manager` routes also need the manager role. The
 * session and the role are checked against the store and the current lists on every request (`verify`).
 */
export function staffGuards({ signIn, publicOrigin }: { signIn: Pick<StaffSignIn, 'verify'>; publicOrigin: string }) {
  const origin = new URL(publicOrigin).origin;
  async function staff(ctx: Context): Promise<StaffSession> {
    const token = ctx.cookies.get(STAFF_COOKIE);
    if (!token) throw new AppError('SESSION_REQUIRED', 'Staff sign in first');
    const session = await signIn.verify(token);
    if (!SAFE_METHODS.has(ctx.method) && ctx.get('origin') !== origin) {
      throw new AppError('FORBIDDEN', 'Cross-site request refused');
    }
    return session;
  }
  return {
    staff,
    async manager(ctx: Context): Promise<StaffSession> {
      const session = await staff(ctx);
      if (session.role !== 'manager') throw new AppError('FORBIDDEN', 'Only managers may do this');
      return session;
    },
  };
}
