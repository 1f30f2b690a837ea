/**
 * The BFF as `npm run serve` runs it in sandbox mode (memory store, info-level JSON logs to stdout), on an
 * ephemeral port. Prints its port and the living id to load on stdout's first line, logs after.
 */
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config/config';
import { pointAtSandbox } from '../../sandbox/point-at-sandbox';
import { createLogger } from '../../server/logging/logger';
import { createSecretScrubber } from '../../server/logging/secret-scrubber';
import { SANDBOX_LIVES, createSandbox } from '../../sandbox';
import { createServices } from '../../server/services';
import { createMemoryStore } from '../../server/store/memory-store';

async function main() {
  const sandbox = createSandbox();
  const base = await sandbox.listen(0);
  const config = loadConfig({ SANDBOX: '1', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' });
  const scrubber = createSecretScrubber();
  const logger = createLogger({ level: config.logLevel, scrubber });
  const services = createServices({
    config: pointAtSandbox(config, base, sandbox.credentials),
    sessionSecret: 'bench-session-secret-0123456789-0123456789',
    store: createMemoryStore(),
    logger,
    scrubber,
  });
  const app = createApp(services);
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stderr.write(`PORT ${typeof address === 'object' && address ? address.port : 0} ${SANDBOX_LIVES.living}\n`);
  });
}

void main();

// Exit normally on a signal so that --cpu-prof can write its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
