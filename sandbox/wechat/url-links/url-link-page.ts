import escapeHtml from 'escape-html';
import type { Middleware } from 'koa';
import type { UrlLinkRegistry } from './url-link-registry';

/** Where the sandbox serves its URL Links (WeChat's are `https://wxaurl.cn/ID`). */
export const URL_LINK_PATH_PREFIX = '/wxaurl/';

/**
 * `GET /wxaurl/ID`: what a phone browser shows when it follows a URL Link. WeChat's page asks the system to open
 * WeChat at our mini program's page; this one says which page and query it would open, and records the open (the
 * link, hence the live id, the replay flag and the tag) for `sandbox.urlLinks.opens()`. An expired link says so
 * (410) and opens nothing, as WeChat's "链接已失效" page; an id never issued is a 404.
 */
export function urlLinkPage(registry: UrlLinkRegistry): Middleware {
  return async (ctx, next) => {
    if (!ctx.path.startsWith(URL_LINK_PATH_PREFIX) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const id = ctx.path.slice(URL_LINK_PATH_PREFIX.length);
    const { link, open } = registry.open(id, ctx.get('User-Agent'));
    ctx.set('Content-Type', 'text/html; charset=utf-8');
    ctx.set('Cache-Control', 'no-store');
    if (!link) {
      ctx.status = 404;
      ctx.body = page('链接不存在', '<p id="url-link-state">unknown</p>');
      return;
    }
    if (open.expired) {
      ctx.status = 410;
      ctx.body = page('链接已失效', '<p id="url-link-state">expired</p><p>该链接已过期，请重新获取。</p>');
      return;
    }
    ctx.status = 200;
    ctx.body = page(
      '打开微信小程序',
      `<p id="url-link-state">opened</p><p>即将打开“微信”（sandbox）：</p>` +
        `<p><code id="url-link-path">${escapeHtml(link.path)}</code>?<code id="url-link-query">${escapeHtml(link.query)}</code></p>`,
    );
  };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}
