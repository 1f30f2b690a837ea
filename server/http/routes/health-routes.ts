import { z } from 'zod';
import { defineRoute } from '../route-spec';

export function healthRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Liveness: the process answers',
      auth: 'public',
      responses: { 200: { description: 'Alive', schema: z.object({ ok: z.literal(true) }) } },
      handler(ctx) {
        ctx.body = { ok: true };
      },
    }),
  ];
}
