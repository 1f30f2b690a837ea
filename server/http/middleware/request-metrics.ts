import type { Middleware } from 'koa';
import type { Metrics } from '../../metrics/metrics';

/**
 * Counts and times every answer by the route pattern the router matched (`/api/lives/:livingId`), never by the
 * raw path, so a scan of random ids cannot blow up the metrics. Static files and unknown paths share one label.
 */
export function requestMetrics(metrics: Metrics): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      const route = typeof matched === 'string' ? matched : ctx.status === 404 ? 'unmatched' : 'static';
      metrics.httpRequest(route, ctx.method, ctx.status, (performance.now() - started) / 1000);
    }
  };
}
