import { z } from 'zod';
import type { Readiness } from '../../health/readiness';
import { defineRoute } from '../route-spec';

export function healthRoutes({ readiness }: { readiness: Readiness }) {
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
    defineRoute({
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: whether this instance should take traffic now',
      auth: 'public',
      responses: {
        200: {
          description: 'Serving; `degraded` lists parts on a fallback (e.g. the shared store unreachable)',
          schema: z.object({ ready: z.literal(true), degraded: z.array(z.string()).optional() }),
        },
        503: {
          description: 'Starting or shutting down',
          schema: z.object({ ready: z.literal(false), phase: z.string() }),
        },
      },
      handler(ctx) {
        ctx.set('Cache-Control', 'no-store');
        const phase = readiness.phase();
        if (phase !== 'ready') {
          ctx.status = 503;
          ctx.body = { ready: false, phase };
          return;
        }
        const degraded = readiness.degraded();
        ctx.body = degraded.length ? { ready: true, degraded } : { ready: true };
      },
    }),
  ];
}
