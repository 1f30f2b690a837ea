import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config/config';
import { createLogger } from './logging/logger';
import { createSecretScrubber } from './logging/secret-scrubber';
import { createServices } from './services';
import { createMemoryStore } from './store/memory-store';

/**
 * Points the configuration at a freshly started sandbox, with its credentials and showcase lives. The emulator is
 * loaded here and only here, in sandbox mode: a production start never loads a line of it.
 */
async function startSandbox(config: Config): Promise<{ sandbox: { close(): Promise<void> }; config: Config }> {
  const { SANDBOX_ANCHORS, createSandbox, pointAtSandbox } = await import('../sandbox/index.js');
  const sandbox = createSandbox();
  const url = await sandbox.listen(config.sandboxPort, '127.0.0.1');
  const featured = config.liveIds.length > 0 || config.liveAnchors.length > 0;
  return {
    sandbox,
    config: {
      ...pointAtSandbox(config, url, sandbox.credentials),
      liveAnchors: featured ? config.liveAnchors : [...SANDBOX_ANCHORS],
    },
  };
}

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

  let sandbox: { close(): Promise<void> } | undefined;
  if (config.sandbox) {
    ({ sandbox, config } = await startSandbox(config));
    logger.warn(
      { event: 'sandbox', wecomApiBase: config.wecom.apiBase },
      'SANDBOX MODE: no WECOM_CORP_ID set, so WeCom and WeChat are emulated in-process. Viewers cannot really watch. Set the credentials (see README) to go live.',
    );
  }
  // Sandbox mode may run without SESSION_SECRET: sessions then last as long as the process.
  const sessionSecret = config.sessionSecret ?? randomBytes(32).toString('base64url');
  const services = createServices({ config, sessionSecret, store: createMemoryStore(), logger, scrubber });
  const h5Dir = config.h5Dir ?? (existsSync(resolve('dist/h5/index.html')) ? resolve('dist/h5') : undefined);
  const app = createApp({ ...services, h5Dir });

  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info(
      { event: 'listening', port, sandbox: config.sandbox, h5: h5Dir ?? null },
      `BFF listening on http://localhost:${port}`,
    );
  });

  const shutdown = (signal: string) => {
    logger.info({ event: 'shutdown', signal }, 'shutting down');
    server.close(() => {
      void sandbox?.close().finally(() => process.exit(0));
      if (!sandbox) process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

void main();
