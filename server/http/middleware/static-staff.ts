import { existsSync } from 'node:fs';
import type { Middleware } from 'koa';
import send from 'koa-send';
import { STAFF_CONSOLE_PATH, isStaffConsolePath } from '../../../shared/paths';

/**
 * Serves the staff console's build (`npm run build:staff` → dist/staff) at `/staff` and below: files under
 * `/staff/assets/` (content-hashed by esbuild, so cached for a year), and index.html for every other path, so a
 * deep link such as `/staff/lives/ID/stats` survives a reload (the console routes on the client). index.html is
 * never stored: it names the current hashes. Everything below `/staff` is answered here, a missing file with 404,
 * so the viewer app's fallback never serves its own page for a console path.
 */
export function staticStaff(root: string): Middleware {
  const hasIndex = existsSync(`${root}/index.html`);
  return async (ctx, next) => {
    if (!isStaffConsolePath(ctx.path) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const path = ctx.path.slice(STAFF_CONSOLE_PATH.length) || '/';
    if (/\.[A-Za-z0-9]+$/.test(path)) {
      if (!path.startsWith('/assets/')) return notFound();
      try {
        await send(ctx, path, {
          root,
          setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
        });
      } catch (err) {
        if ((err as { status?: number }).status !== 404) throw err;
      }
      if (ctx.body === undefined) notFound();
      return;
    }
    if (!hasIndex) return notFound();
    await send(ctx, 'index.html', {
      root,
      // Its Content-Security-Policy and the other security headers: security-headers.ts (kind `staff`).
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-store'),
    });

    function notFound() {
      ctx.status = 404;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'Not Found';
    }
  };
}
