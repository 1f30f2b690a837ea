import type { Middleware } from 'koa';
import send from 'koa-send';

/** Paths the API owns: never answered with the H5 app. */
const API_PREFIXES = ['/api/', '/healthz', '/openapi.json', '/live/'];

export const isOwnedByApi = (path: string): boolean => API_PREFIXES.some((prefix) => path.startsWith(prefix));

/** A path with a file extension names a file of the build; any other is a page of the app (`h5-pages.ts`). */
export const isH5File = (path: string): boolean => /\.[A-Za-z0-9]+$/.test(path);

/**
 * Serves the files of the H5 build (404 when missing). Hashed assets are cached for a year, the rest for five
 * minutes; pages are `h5-pages.ts`'s.
 */
export function staticH5(root: string): Middleware {
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || isOwnedByApi(ctx.path) || !isH5File(ctx.path)) {
      return next();
    }
    try {
      await send(ctx, ctx.path, {
        root,
        setHeaders(res, path) {
          res.setHeader(
            'Cache-Control',
            /[.-][0-9a-f]{8,}\./.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
          );
        },
      });
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
    }
    if (ctx.body === undefined) await next();
  };
}
