import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { Config } from './config/config';
import { createReadiness } from './health/readiness';
import type { SecretScrubber } from './logging/secret-scrubber';
import { createServices } from './services';
import { createSharedState, sharedServiceOptions } from './shared-state';
import { attachEventSocket } from './push/event-socket';
import { forwardedClientIp } from './network/forwarded-client-ip';
import { createHttpServer } from './http/http-server';
import { AggregatorRegistry } from 'prom-client';
import { createMetrics } from './metrics/metrics';
import { serveMetrics } from './metrics/metrics-server';

export interface Instance {
  server: Server;
  /** Stops taking requests, lets in-flight ones finish (within the grace period), then closes the shared state. */
  stop(): Promise<void>;
}

/**
 * One BFF process: shared state (memory, or Redis), the services, the HTTP server, and a graceful stop. `/readyz`
 * answers 503 until the server listens and again from the moment a stop begins, so a load balancer drains the
 * instance before it goes.
 */
export async function runInstance({
  config,
  sessionSecret,
  logger,
  scrubber,
  worker = false,
}: {
  config: Config;
  sessionSecret: string;
  logger: Logger;
  scrubber: SecretScrubber;
  /** A cluster worker: its metrics are served by the primary, aggregated with the other workers'. */
  worker?: boolean;
}): Promise<Instance> {
  const shared = await createSharedState({ config, logger });
  const readiness = createReadiness({ storeDegraded: shared.degraded });
  const metrics = createMetrics();
  metrics.watchStore(shared.degraded);
  let metricsServer: Server | undefined;
  if (worker) {
    // prom-client answers the primary's requests only once an AggregatorRegistry exists in the worker too.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([metrics.registry]);
  } else if (config.metrics) {
    metricsServer = await serveMetrics({
      ...config.metrics,
      collect: async () => ({ text: await metrics.registry.metrics(), contentType: metrics.registry.contentType }),
    });
  }
  const services = createServices({
    config,
    sessionSecret,
    ...sharedServiceOptions(shared),
    readiness,
    metrics,
    logger,
    scrubber,
  });
  const h5Dir = config.h5Dir ?? (existsSync(resolve('dist/h5/index.html')) ? resolve('dist/h5') : undefined);
  const staffDir = existsSync(resolve('dist/staff/index.html')) ? resolve('dist/staff') : undefined;
  const app = createApp({ ...services, h5Dir, staffDir, viewerTimeZone: config.viewerTimeZone });

  const server = createHttpServer(app.callback(), config.server);
  server.listen(config.port, config.host);
  const events = attachEventSocket({
    server,
    bus: shared.cardBus,
    currentCard: (livingId, ip) => services.cards.get(livingId, { ip }),
    logger,
    enabled: config.callback !== undefined,
    maxSocketsPerIp: config.limits.socketsPerIp,
    maxSockets: config.server.maxEventSockets,
    // The same rule as Koa's ctx.ip (createApp): one answer to "who is this client" for requests and sockets.
    clientIp: (req) => forwardedClientIp(req, config.trustProxy),
  });
  metrics.watchSockets(events.size);
  if (!config.callback) {
    logger.info({ event: 'push_off' }, 'push is off: no WECOM_CALLBACK_TOKEN/WECOM_CALLBACK_AES_KEY, clients poll');
  }
  await new Promise<void>((done) => server.once('listening', done));
  services.reminderJobs.start();
  readiness.ready();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { event: 'listening', port, sandbox: config.sandbox, h5: h5Dir ?? null, store: config.redis ? 'redis' : 'memory' },
    `BFF listening on http://localhost:${port}`,
  );

  let stopping: Promise<void> | undefined;
  return {
    server,
    stop() {
      stopping ??= (async () => {
        readiness.stopping();
        await events.close();
        const closed = new Promise<void>((done) => server.close(() => done()));
        // Keep-alive sockets go idle as their last response is sent: close each as soon as it does.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.closeIdleConnections();
        const grace = new Promise<'late'>((done) => setTimeout(() => done('late'), config.shutdownGraceMs).unref());
        if ((await Promise.race([closed, grace])) === 'late') {
          logger.warn({ event: 'shutdown_late', graceMs: config.shutdownGraceMs }, 'requests still running; closing');
          server.closeAllConnections();
        }
        clearInterval(sweep);
        // Reminders being sent finish; the rest wait in the queue for the other instances (or the next start).
        await services.reminderJobs.stop();
        metricsServer?.close();
        await shared.close();
      })();
      return stopping;
    },
  };
}
