/**
 * The BFF as `npm start` runs it in sandbox mode (its production wiring: shared state, metrics, hot cards, info-level
 * JSON logs to stdout), on an ephemeral port, against a sandbox of its own. With `BENCH_REDIS_URL` its shared state
 * is that Redis (near cache in front). Prints `PORT <port> <living id to load>` on stderr.
 */
import { SANDBOX_LIVES, createSandbox, pointAtSandbox } from '../../sandbox';
import { loadConfig } from '../../server/config/config';
import { createLogger } from '../../server/logging/logger';
import { createSecretScrubber } from '../../server/logging/secret-scrubber';
import { runInstance } from '../../server/run-instance';

async function main() {
  const sandbox = createSandbox();
  const base = await sandbox.listen(0);
  const env = {
    SANDBOX: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    ...(process.env.BENCH_REDIS_URL
      ? { REDIS_URL: process.env.BENCH_REDIS_URL, REDIS_KEY_PREFIX: `bench-${process.pid}:` }
      : {}),
  };
  const config = pointAtSandbox(loadConfig(env), base, sandbox.credentials);
  const scrubber = createSecretScrubber();
  const logger = createLogger({ level: config.logLevel, scrubber });
  const instance = await runInstance({
    config,
    sessionSecret: 'bench-session-secret-0123456789-0123456789',
    logger,
    scrubber,
  });
  const address = instance.server.address();
  process.stderr.write(`PORT ${typeof address === 'object' && address ? address.port : 0} ${SANDBOX_LIVES.living}\n`);
}

void main();

// Exit normally on a signal so that --cpu-prof can write its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
