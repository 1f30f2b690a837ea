import type { Context } from 'koa';
import { AppError } from '../../errors/app-error';
import type { Session, SessionTokens } from '../../session/session-token';

/** The H5 session cookie (HttpOnly): set by the OAuth callback, sent by the browser. */
export const SESSION_COOKIE = 'wlv_session';

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,2048})$/i;

/**
 * The viewer behind a request: `Authorization: Bearer <token>` (mini program) or the session cookie (H5).
 * The openid is taken from the signed session only; nothing the request body says about identity is looked at.
 */
export async function requireSession(ctx: Context, sessions: SessionTokens): Promise<Session> {
  const header = ctx.get('authorization');
  if (header) {
    const match = BEARER.exec(header);
    if (!match?.[1]) throw new AppError('SESSION_INVALID', 'Malformed Authorization header');
    return sessions.verify(match[1]);
  }
  const cookie = ctx.cookies.get(SESSION_COOKIE);
  if (cookie) return sessions.verify(cookie);
  throw new AppError('SESSION_REQUIRED', 'Sign in first');
}
