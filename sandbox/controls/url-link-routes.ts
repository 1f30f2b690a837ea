import type Router from '@koa/router';
import { z } from 'zod';
import { badRequest, readJson } from './answers';
import type { SandboxUrlLinks } from '../wechat/url-links/url-link-registry';

const quota = z
  .object({
    perDay: z.number().int().min(0).optional(),
    used: z.number().int().min(0).optional(),
  })
  .strict();

/**
 * `/__sandbox/url-links/*`: the mini program's URL Links for browser tests that run the sandbox in another process:
 * what was issued and opened, the day's quota (exhaust it with `{used: perDay}`), expiring every link.
 */
export function addUrlLinkRoutes(router: Router, urlLinks: SandboxUrlLinks): void {
  router.get('/url-links', (ctx) => {
    ctx.body = { links: urlLinks.issued() };
  });

  // `?livingId=` narrows the list to one live's opens.
  router.get('/url-links/opens', (ctx) => {
    const livingId = typeof ctx.query.livingId === 'string' ? ctx.query.livingId : undefined;
    const all = urlLinks.opens();
    ctx.body = { opens: livingId ? all.filter((o) => o.livingId === livingId) : all };
  });

  router.get('/url-links/quota', (ctx) => {
    ctx.body = urlLinks.quota();
  });

  router.put('/url-links/quota', async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return badRequest(ctx, 'the body is not JSON');
    const parsed = quota.safeParse(body.value);
    if (!parsed.success) return badRequest(ctx, z.prettifyError(parsed.error));
    urlLinks.setQuota(parsed.data);
    ctx.body = urlLinks.quota();
  });

  router.post('/url-links/expire', (ctx) => {
    urlLinks.expireAll();
    ctx.status = 204;
  });
}
