import type { Context } from 'koa';
import { SESSION_COOKIE } from '../../../shared/cookie-names';
import { AppError } from '../../errors/app-error';
import type { ViewerSignIn } from '../../sign-in/viewer-sign-in';
import type { Session } from '../../sign-in/viewer-session-tokens';

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,2048})$/i;

/**
 * The router's guard for `viewer` routes: `Authorization: Bearer <token>` (mini program) or the session cookie
 * (H5). The openid is taken from the signed session only; nothing the request body says about identity is looked at.
 */
export function viewerGuard(signIn: Pick<ViewerSignIn, 'verify'>) {
  return async function viewer(ctx: Context): Promise<Session> {
    const header = ctx.get('authorization');
    if (header) {
      const match = BEARER.exec(header);
      if (!match?.[1]) throw new AppError('SESSION_INVALID', 'Malformed Authorization header');
      return signIn.verify(match[1]);
    }
    const cookie = ctx.cookies.get(SESSION_COOKIE);
    if (cookie) return signIn.verify(cookie);
    throw new AppError('SESSION_REQUIRED', 'Sign in first');
  };
}
