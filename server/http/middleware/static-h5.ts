import { existsSync } from 'node:fs';
import type { Middleware } from 'koa';
import send from 'koa-send';

/** Paths the API owns: never answered with the H5 app. */
const API_PREFIXES = ['/api/', '/healthz', '/openapi.json', '/live/'];

/**
 * Serves the H5 build. A path with a file extension is a file (404 when missing); any other GET is a page of the
 * single-page app and gets index.html, so deep links such as `/pages/live/index?id=…` survive a reload.
 * Hashed assets are cached for a year, index.html never.
 */
export function staticH5(root: string): Middleware {
  const hasIndex = existsSync(`${root}/index.html`);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || API_PREFIXES.some((p) => ctx.path.startsWith(p))) {
      return next();
    }
    const isFile = /\.[A-Za-z0-9]+$/.test(ctx.path);
    if (isFile) {
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
      return;
    }
    if (!hasIndex) return next();
    await send(ctx, 'index.html', { root, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') });
  };
}
