import type Router from '@koa/router';
import { z } from 'zod';
import type { SandboxCallbacks } from '../callbacks/deliverer';
import { callbackTargetSchema } from '../callbacks/target';
import { badRequest, readJson } from './answers';

const callbackFault = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('duplicate'), copies: z.number().int().min(1) }),
  z.object({ kind: z.literal('outOfOrder') }),
  z.object({ kind: z.literal('forgeSignature') }),
  z.object({ kind: z.literal('delay'), ms: z.number().min(0) }),
]);

/**
 * `/__sandbox/callback*`: the callback target, faults and deliveries over HTTP, for a BFF that runs in another
 * process than its sandbox (several workers, browser tests) and learns its own URL only once it listens.
 */
export function addCallbackRoutes(router: Router, callbacks: SandboxCallbacks): void {
  router.get('/callback', (ctx) => {
    ctx.body = { target: callbacks.target() ?? null };
  });

  router.put('/callback', async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return badRequest(ctx, 'the body is not JSON');
    const target = callbackTargetSchema.safeParse(body.value);
    if (!target.success) return badRequest(ctx, z.prettifyError(target.error));
    callbacks.configure(target.data);
    ctx.body = { target: callbacks.target() };
  });

  router.delete('/callback', (ctx) => {
    callbacks.configure(undefined);
    ctx.status = 204;
  });

  router.post('/callback/faults', async (ctx) => {
    const body = await readJson(ctx);
    if (!body.ok) return badRequest(ctx, 'the body is not JSON');
    const parsed = callbackFault.safeParse(body.value);
    if (!parsed.success) return badRequest(ctx, z.prettifyError(parsed.error));
    const fault = parsed.data;
    switch (fault.kind) {
      case 'duplicate':
        callbacks.faults.duplicate(fault.copies);
        break;
      case 'outOfOrder':
        callbacks.faults.outOfOrder();
        break;
      case 'forgeSignature':
        callbacks.faults.forgeSignature();
        break;
      case 'delay':
        callbacks.faults.delay(fault.ms);
        break;
    }
    ctx.status = 204;
  });

  router.delete('/callback/faults', (ctx) => {
    callbacks.faults.clear();
    ctx.status = 204;
  });

  router.get('/callback/deliveries', (ctx) => {
    ctx.body = { deliveries: callbacks.deliveries() };
  });

  // Answers once every queued delivery is done: a browser test's "wait until WeCom has told the BFF".
  router.get('/callback/idle', async (ctx) => {
    await callbacks.idle();
    ctx.status = 204;
  });

  router.post('/callback/verify', async (ctx) => {
    if (!callbacks.target()) return badRequest(ctx, 'no callback target configured');
    ctx.body = await callbacks.verifyUrl();
  });
}
