import type { Context } from 'koa';
import { AppError } from '../../errors/app-error';

/**
 * The one rule against cross-site forgery, for every request that changes something (the router applies it to
 * every route but server-to-server ones, before anyone is signed in or a body is read):
 *
 * - `Sec-Fetch-Site: cross-site` or `same-site` is refused: the browser itself says another site made the request.
 *   `same-site` too, because SameSite=Lax cookies do go along from a sibling host (`evil.example.com`).
 * - An `Origin` other than `PUBLIC_ORIGIN` is refused (`null` included).
 * - A request authenticated by cookie must carry `Origin`: browsers send it on every POST, PATCH and DELETE, so only
 *   a very old browser or a forged request leaves it out. Cookie-authenticated means a staff route (staff come
 *   only by cookie), or any request that carries cookies and no `Authorization` header.
 *
 * The mini program is untouched: `wx.request` sends neither `Origin` nor our cookies, and its bearer token is never
 * attached by a browser. Requiring a JSON body on the same routes (`json-body.ts`) forces a CORS preflight on any
 * cross-site attempt, which this BFF never grants: two independent locks.
 */
export function sameOriginGuard(publicOrigin: string) {
  const origin = new URL(publicOrigin).origin;
  return function sameOrigin(ctx: Context, { cookieOnly = false }: { cookieOnly?: boolean } = {}): void {
    const site = ctx.get('sec-fetch-site').toLowerCase();
    if (site === 'cross-site' || site === 'same-site') {
      throw new AppError('FORBIDDEN', 'Cross-site request refused');
    }
    const from = ctx.get('origin');
    if (from && from !== origin) throw new AppError('FORBIDDEN', 'Cross-site request refused');
    const cookieAuthenticated = cookieOnly || (ctx.get('cookie') !== '' && ctx.get('authorization') === '');
    if (!from && cookieAuthenticated) {
      throw new AppError('FORBIDDEN', 'A request made with cookies must say where it comes from (Origin)');
    }
  };
}

export type SameOriginGuard = ReturnType<typeof sameOriginGuard>;
