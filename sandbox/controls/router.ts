import Router from '@koa/router';
import { z } from 'zod';
import { SANDBOX_ANCHORS, SANDBOX_BULK_ANCHOR, SANDBOX_LIVES, type SandboxLiveName } from '../wecom/living/seed-lives';
import { addCallbackRoutes } from './callback-routes';
import { badRequest, notFound, readJson } from './answers';
import { addMemberRoutes } from './member-routes';
import { addWatchStatRoutes } from './watch-stat-routes';
import { addSubscribeRoutes } from './subscribe-routes';
import { addUrlLinkRoutes } from './url-link-routes';
import type { Sandbox } from '../sandbox-handle';
import { SANDBOX_APIS, isSandboxApi, type SandboxApi } from '../core/sandbox-api';
import { SANDBOX_MEMBERS } from '../wecom/members';

/** The control endpoints live here; they are never recorded as calls and never meet faults. */
export const CONTROL_PREFIX = '/__sandbox';

const livingInfoPatch = z
  .object({
    theme: z.string(),
    living_start: z.number().int().nonnegative(),
    living_duration: z.number().int().nonnegative(),
    status: z.literal([0, 1, 2, 3, 4]),
    reserve_start: z.number().int().nonnegative(),
    reserve_living_duration: z.number().int().nonnegative(),
    description: z.string(),
    anchor_userid: z.string().min(1),
    main_department: z.number().int(),
    viewer_num: z.number().int().nonnegative(),
    comment_num: z.number().int().nonnegative(),
    mic_num: z.number().int().nonnegative(),
    open_replay: z.literal([0, 1]),
    replay_status: z.literal([0, 1, 2, 3]),
    type: z.literal([0, 1, 2, 3, 4]),
    push_stream_url: z.string(),
    online_count: z.number().int().nonnegative(),
    subscribe_count: z.number().int().nonnegative(),
  })
  .partial()
  .strict();

const target = z.union([z.literal('*'), z.custom<SandboxApi>(isSandboxApi, 'unknown api')]).default('*');
const count = z.number().int().min(1).optional();
const failureCode = z
  .number()
  .int()
  .refine((n) => n !== 0, 'errcode 0 is success, not a fault');
const faultRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('failNext'), api: target, errcode: failureCode, count }),
  z.object({ kind: z.literal('httpStatus'), api: target, status: z.number().int().min(200).max(599), count }),
  z.object({ kind: z.literal('drop'), api: target, count }),
  z.object({ kind: z.literal('latency'), api: target, ms: z.number().min(0) }),
  z.object({ kind: z.literal('down') }),
  z.object({ kind: z.literal('up') }),
]);

/**
 * `/__sandbox/*`: for people poking at the sandbox and for browser tests that run the BFF in another process.
 * Everything here mirrors the programmatic API of {@link Sandbox}.
 */
export function createControlRouter(sandbox: Sandbox): Router {
  const router = new Router({ prefix: CONTROL_PREFIX });

  router.get('/', (ctx) => {
    ctx.body = {
      credentials: sandbox.credentials,
      apis: SANDBOX_APIS,
      lives: SANDBOX_LIVES,
      anchors: SANDBOX_ANCHORS,
      bulkAnchor: SANDBOX_BULK_ANCHOR,
      members: SANDBOX_MEMBERS,
      endpoints: [
        'GET /__sandbox/lives',
        'GET|PATCH|DELETE /__sandbox/lives/:id',
        'GET|PUT /__sandbox/lives/:id/watch-stat',
        'POST|DELETE /__sandbox/faults',
        'GET|DELETE /__sandbox/calls',
        'GET /__sandbox/living-codes',
        'POST /__sandbox/tokens/expire',
        'POST /__sandbox/tokens/invalidate',
        'GET /__sandbox/oauth/openid/:user',
        'GET /__sandbox/oauth/codes',
        'GET /__sandbox/wecom/members',
        'GET|POST /__sandbox/wecom/codes',
        'GET|PUT|DELETE /__sandbox/wecom/scanner',
        'POST /__sandbox/mp/tokens/expire',
        'POST /__sandbox/mp/tokens/invalidate',
        'POST /__sandbox/mp/tickets/expire',
        'GET /__sandbox/secrets',
        'POST /__sandbox/reset',
        'GET|PUT|DELETE /__sandbox/callback',
        'POST|DELETE /__sandbox/callback/faults',
        'GET /__sandbox/callback/deliveries',
        'GET /__sandbox/callback/idle',
        'POST /__sandbox/callback/verify',
        'GET /__sandbox/subscribe/templates',
        'POST /__sandbox/subscribe/accepts',
        'POST /__sandbox/subscribe/refusals',
        'GET /__sandbox/subscribe/deliveries',
        'GET /__sandbox/url-links',
        'GET /__sandbox/url-links/opens',
        'GET|PUT /__sandbox/url-links/quota',
        'POST /__sandbox/url-links/expire',
      ],
    };
  });

  router.get('/lives', (ctx) => {
    ctx.body = { lives: sandbox.lives.list() };
  });

  router.get('/lives/:id', (ctx) => {
    const livingId = resolveLiveName(ctx.params.id ?? '');
    const info = sandbox.lives.get(livingId);
    if (!info) return notFound(ctx, `no live ${livingId}`);
    ctx.body = { livingId, info };
  });

  // A status change goes through setStatus, so `{status: 1}` starts the live as the anchor would (living_start
  // now); the other fields are then merged as given.
  router.patch('/lives/:id', async (ctx) => {
    const livingId = resolveLiveName(ctx.params.id ?? '');
    const body = await readJson(ctx);
    if (!body.ok) return badRequest(ctx, 'the body is not JSON');
    const patch = livingInfoPatch.safeParse(body.value);
    if (!patch.success) return badRequest(ctx, z.prettifyError(patch.error));
    const { status, ...rest } = patch.data;
    const exists = sandbox.lives.get(livingId) !== undefined;
    if (exists && status !== undefined) sandbox.lives.setStatus(livingId, status);
    sandbox.lives.upsert(livingId, exists ? rest : patch.data);
    ctx.body = { livingId, info: sandbox.lives.get(livingId) };
  });

  router.delete('/lives/:id', (ctx) => {
    sandbox.lives.remove(resolveLiveName(ctx.params.id ?? ''));
    ctx.status = 204;
  });

  router.post('/faults', async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return badRequest(ctx, 'the body is not JSON');
    const parsed = faultRequest.safeParse(body.value);
    if (!parsed.success) return badRequest(ctx, z.prettifyError(parsed.error));
    const fault = parsed.data;
    const faults = sandbox.faults;
    switch (fault.kind) {
      case 'failNext':
        faults.failNext(fault.api, fault.errcode, fault.count);
        break;
      case 'httpStatus':
        faults.httpStatus(fault.api, fault.status, fault.count);
        break;
      case 'drop':
        faults.drop(fault.api, fault.count);
        break;
      case 'latency':
        faults.latency(fault.api, fault.ms);
        break;
      case 'down':
        faults.down();
        break;
      case 'up':
        faults.up();
        break;
    }
    ctx.status = 204;
  });

  router.delete('/faults', (ctx) => {
    sandbox.faults.clear();
    ctx.status = 204;
  });

  router.get('/calls', (ctx) => {
    const api = ctx.query.api;
    ctx.body = { calls: isSandboxApi(api) ? sandbox.callsTo(api) : sandbox.calls };
  });

  router.delete('/calls', (ctx) => {
    sandbox.resetCalls();
    ctx.status = 204;
  });

  router.get('/living-codes', (ctx) => {
    ctx.body = { livingCodes: sandbox.livingCodes.issued() };
  });

  router.post('/tokens/expire', (ctx) => {
    sandbox.tokens.expireAll();
    ctx.status = 204;
  });

  router.post('/tokens/invalidate', (ctx) => {
    sandbox.tokens.invalidateAll();
    ctx.status = 204;
  });

  // The service account's openid for a user, e.g. to find the openid a browser test's viewer will get.
  router.get('/oauth/openid/:user', (ctx) => {
    const user = ctx.params.user ?? '';
    ctx.body = { user, openid: sandbox.oauth.openidForUser(user) };
  });

  router.get('/oauth/codes', (ctx) => {
    ctx.body = { codes: sandbox.oauth.issuedCodes() };
  });

  router.post('/mp/tokens/expire', (ctx) => {
    sandbox.mp.expireTokens();
    ctx.status = 204;
  });

  router.post('/mp/tokens/invalidate', (ctx) => {
    sandbox.mp.invalidateTokens();
    ctx.status = 204;
  });

  router.post('/mp/tickets/expire', (ctx) => {
    sandbox.mp.expireTickets();
    ctx.status = 204;
  });

  // For leak checks in browser tests that run the BFF in another process. Sandbox secrets are worthless elsewhere.
  router.get('/secrets', (ctx) => {
    ctx.body = { secrets: sandbox.secrets() };
  });

  router.post('/reset', (ctx) => {
    sandbox.reset();
    ctx.status = 204;
  });

  addCallbackRoutes(router, sandbox.callbacks);
  addMemberRoutes(router, sandbox.members);
  addSubscribeRoutes(router, sandbox.subscriptions);
  addUrlLinkRoutes(router, sandbox.urlLinks);
  addWatchStatRoutes(router, { lives: sandbox.lives, watchStats: sandbox.watchStats, resolve: resolveLiveName });

  router.all('/{*rest}', (ctx) => notFound(ctx, `no control endpoint ${ctx.method} ${ctx.path}`));

  return router;
}

/** `/__sandbox/lives/living` works as well as the id: the showcase names are easier to type. */
function resolveLiveName(idOrName: string): string {
  return (SANDBOX_LIVES as Record<string, string>)[idOrName as SandboxLiveName] ?? idOrName;
}
