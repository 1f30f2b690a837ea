import type { Middleware } from 'koa';

/**
 * Every cookie this BFF sets is `Secure` exactly when `PUBLIC_ORIGIN` is https, whatever the hop that reached us.
 *
 * Behind a proxy that ends TLS the request arrives over plain http, and unless a trusted `X-Forwarded-Proto` says
 * otherwise Koa's cookie jar refuses to set a Secure cookie ("Cannot send secure cookie over unencrypted
 * connection"): a 500 on the first view beacon or sign-in. What the browser sees is the public origin, so that is
 * what decides; the jar is told so before any route runs, and no route has to remember it.
 */
export function secureCookies(publicOrigin: string): Middleware {
  const secure = new URL(publicOrigin).protocol === 'https:';
  return async (ctx, next) => {
    ctx.cookies.secure = secure;
    await next();
  };
}
