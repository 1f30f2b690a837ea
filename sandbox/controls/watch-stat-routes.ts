import type Router from '@koa/router';
import { z } from 'zod';
import { badRequest, notFound, readJson } from './answers';
import type { SandboxLives } from '../wecom/living/live-store';
import type { SandboxWatchStats } from '../wecom/watch-stat/watch-stat-store';

const flag = z.literal([0, 1]);
const viewer = {
  watch_time: z.number().int().nonnegative(),
  is_comment: flag,
  is_mic: flag,
  invitor_userid: z.string().min(1).optional(),
  invitor_external_userid: z.string().min(1).optional(),
};
const watchStatRequest = z.union([
  z.object({ count: z.number().int().min(0).max(1_000_000), seed: z.string().optional() }).strict(),
  z
    .object({
      users: z.array(z.object({ userid: z.string().min(1), ...viewer }).strict()),
      externalUsers: z.array(
        z.object({ external_userid: z.string().min(1), type: z.literal([1, 2]), name: z.string(), ...viewer }).strict(),
      ),
    })
    .strict(),
]);

/**
 * `/__sandbox/lives/:id/watch-stat`: who watched a live, as get_watch_stat pages them. `PUT` with `{count, seed?}`
 * generates viewers, with `{users, externalUsers}` sets exactly these; `GET` shows them.
 */
export function addWatchStatRoutes(
  router: Router,
  {
    lives,
    watchStats,
    resolve,
  }: { lives: SandboxLives; watchStats: SandboxWatchStats; resolve: (id: string) => string },
): void {
  router.get('/lives/:id/watch-stat', (ctx) => {
    const livingId = resolve(ctx.params.id ?? '');
    if (!lives.get(livingId)) return notFound(ctx, `no live ${livingId}`);
    ctx.body = { livingId, ...(watchStats.get(livingId) ?? { users: [], externalUsers: [] }) };
  });

  router.put('/lives/:id/watch-stat', async (ctx) => {
    const livingId = resolve(ctx.params.id ?? '');
    if (!lives.get(livingId)) return notFound(ctx, `no live ${livingId}`);
    const body = await readJson(ctx);
    if (!body.ok) return badRequest(ctx, 'the body is not JSON');
    const parsed = watchStatRequest.safeParse(body.value);
    if (!parsed.success) return badRequest(ctx, z.prettifyError(parsed.error));
    const request = parsed.data;
    if ('count' in request) watchStats.generate(livingId, request.count, request.seed);
    else watchStats.set(livingId, request);
    const stat = watchStats.get(livingId);
    ctx.body = { livingId, users: stat?.users.length ?? 0, externalUsers: stat?.externalUsers.length ?? 0 };
  });
}
