import type Router from '@koa/router';
import { z } from 'zod';
import { badRequest, readJson } from './answers';
import type { SandboxSubscriptions } from '../wechat/subscribe/subscriptions';

const app = z.enum(['mini', 'mp']);
const openid = z.string().min(1).max(128);
const accepts = z
  .object({
    app,
    templateId: z.string().min(1).max(128),
    openids: z.array(openid).min(1).max(10_000),
    count: z.number().int().min(1).max(100).optional(),
  })
  .strict();
const refusal = z.object({ app, openid }).strict();

/**
 * `/__sandbox/subscribe/*`: what the client stand-ins (the weapp simulator's `requestSubscribeMessage`, H5's
 * `wx-open-subscribe`) and tests tell the sandbox about users' answers, and what it delivered to whom.
 */
export function addSubscribeRoutes(router: Router, subscriptions: SandboxSubscriptions): void {
  router.get('/subscribe/templates', (ctx) => {
    ctx.body = { templates: subscriptions.templates() };
  });

  // Each openid accepted the template once (or `count` times): as many messages may be sent to it.
  router.post('/subscribe/accepts', async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return badRequest(ctx, 'the body is not JSON');
    const parsed = accepts.safeParse(body.value);
    if (!parsed.success) return badRequest(ctx, z.prettifyError(parsed.error));
    const { app: which, templateId, openids, count } = parsed.data;
    for (const id of openids) subscriptions.accept(which, id, templateId, count);
    ctx.status = 204;
  });

  router.post('/subscribe/refusals', async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return badRequest(ctx, 'the body is not JSON');
    const parsed = refusal.safeParse(body.value);
    if (!parsed.success) return badRequest(ctx, z.prettifyError(parsed.error));
    subscriptions.refuse(parsed.data.app, parsed.data.openid);
    ctx.status = 204;
  });

  router.get('/subscribe/deliveries', (ctx) => {
    const to = typeof ctx.query.touser === 'string' ? ctx.query.touser : undefined;
    const all = subscriptions.deliveries();
    ctx.body = { deliveries: to ? all.filter((d) => d.touser === to) : all };
  });
}
