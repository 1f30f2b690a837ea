import { randomBytes } from 'node:crypto';
import cluster from 'node:cluster';
import { runClusterPrimary } from './cluster-primary';
import { ConfigError, loadConfig, type Config } from './config/config';
import { createLogger } from './logging/logger';
import { createSecretScrubber } from './logging/secret-scrubber';
import { runInstance } from './run-instance';
import { startSandbox, type RunningSandbox } from './start-sandbox';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nSee the configuration table in README.md.\n`);
    process.exit(78); // EX_CONFIG
  }
  const scrubber = createSecretScrubber();
  const logger = createLogger({ level: config.logLevel, scrubber });
  const isWorker = config.webConcurrency > 1 && !cluster.isPrimary;

  let sandbox: RunningSandbox | undefined;
  if (config.sandbox) {
    ({ sandbox, config } = await startSandbox(config));
    if (!isWorker) {
      logger.warn(
        { event: 'sandbox', wecomApiBase: config.wecom.apiBase },
        'SANDBOX MODE: no production variable set (or SANDBOX=1), so WeCom and WeChat are emulated in-process. Viewers cannot really watch. Set the credentials (see README) to go live.',
      );
    }
  }
  // Sandbox mode may run without SESSION_SECRET: sessions then last as long as the process (or the cluster).
  const sessionSecret = config.sessionSecret ?? randomBytes(32).toString('base64url');

  if (config.webConcurrency > 1 && cluster.isPrimary) {
    // The workers share the public port: the sandbox's WeCom calls back there.
    sandbox?.deliverCallbacksTo(`http://127.0.0.1:${config.port}`);
    runClusterPrimary({
      workers: config.webConcurrency,
      metrics: config.metrics,
      // Workers share the sandbox the primary started, one session secret and the callback secrets.
      env: {
        // SANDBOX=1: the secrets below are production variables, which alone would make a worker refuse to start.
        ...(sandbox ? { SANDBOX: '1', SANDBOX_URL: sandbox.url } : {}),
        SESSION_SECRET: sessionSecret,
        ...(config.callback
          ? { WECOM_CALLBACK_TOKEN: config.callback.token, WECOM_CALLBACK_AES_KEY: config.callback.encodingAesKey }
          : {}),
      },
      logger,
      onExit: async () => sandbox?.close(),
    });
    return;
  }

  const instance = await runInstance({ config, sessionSecret, logger, scrubber, worker: isWorker });
  const address = instance.server.address();
  if (address && typeof address === 'object') sandbox?.deliverCallbacksTo(`http://127.0.0.1:${address.port}`);
  const stop = (signal: string) => {
    logger.info({ event: 'shutdown', signal }, 'shutting down');
    void instance
      .stop()
      .then(() => sandbox?.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void main();
