import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import { serveMetrics } from './metrics/metrics-server';

/**
 * `WEB_CONCURRENCY` > 1: this process only forks the workers (they share the port), replaces one that dies, and on
 * SIGTERM passes the signal on and exits once every worker has finished its graceful stop. `env` goes to every
 * worker (the sandbox's URL and a shared session secret in sandbox mode).
 */
export function runClusterPrimary({
  workers,
  env,
  logger,
  onExit,
  metrics,
}: {
  workers: number;
  /** Where to serve the workers' metrics, aggregated. */
  metrics: { port: number; host: string } | undefined;
  env: Record<string, string>;
  logger: Logger;
  onExit: () => Promise<void>;
}): void {
  let stopping = false;
  const fork = () => cluster.fork(env);
  for (let i = 0; i < workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) void onExit().finally(() => process.exit(0));
      return;
    }
    logger.error({ event: 'worker_died', pid: worker.process.pid, code, signal }, 'worker died; starting another');
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal, workers: Object.keys(cluster.workers ?? {}).length }, 'stopping workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  logger.info({ event: 'cluster', workers }, `starting ${workers} workers`);
  if (metrics) {
    const aggregate = new AggregatorRegistry();
    void serveMetrics({
      ...metrics,
      collect: async () => ({ text: await aggregate.clusterMetrics(), contentType: aggregate.contentType }),
    });
  }
}
