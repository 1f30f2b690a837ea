import type { Context } from 'koa';
import { AppError } from '../../errors/app-error';
import type { Session, SessionTokens } from '../../session/session-token';

/**
 * The viewer behind a request, from `Authorization: Bearer <token>`. The openid is taken from the signed
 * session only; nothing the request body says about identity is looked at.
 */
export async function requireSession(ctx: Context, sessions: SessionTokens): Promise<Session> {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,2048})$/i.exec(header);
  if (!header) throw new AppError('SESSION_REQUIRED', 401, 'Sign in first');
  if (!match?.[1]) throw new AppError('SESSION_INVALID', 401, 'Malformed Authorization header');
  return sessions.verify(match[1]);
}
