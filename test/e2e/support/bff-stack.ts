import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApp } from '../../../server/app';
import { loadConfig } from '../../../server/config/config';
import { createLogger } from '../../../server/logging/logger';
import { createSecretScrubber } from '../../../server/logging/secret-scrubber';
import { SANDBOX_ANCHORS, createSandbox, type Sandbox } from '../../../server/sandbox';
import { createServices, type ServiceOptions } from '../../../server/services';
import { createMemoryStore } from '../../../server/store/memory-store';
import { requireH5Build } from './h5-build';

export interface BffStackOptions {
  /** Card cache tuning; a short `freshMs` lets sandbox changes reach the browser within one client poll. */
  cards?: ServiceOptions['cards'];
  /** BFF log level (lines are kept in `logs`, not printed). */
  logLevel?: string;
}

export interface BffStack {
  sandbox: Sandbox;
  /** `http://127.0.0.1:PORT` of the BFF, which serves both `/api/*` and the H5 app. */
  baseUrl: string;
  /** The BFF's JSON log lines, for a failing test to look at. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The sandbox and the BFF serving the H5 build, both listening on loopback on ephemeral ports, wired the way
 * `server/main.ts` wires sandbox mode: the home page lists every showcase live of the sandbox's anchors.
 */
export async function startBffStack({ cards, logLevel = 'info' }: BffStackOptions = {}): Promise<BffStack> {
  const h5Dir = requireH5Build();
  const sandbox = createSandbox();
  const sandboxUrl = await sandbox.listen(0, '127.0.0.1');
  const { corpId, corpSecret, miniAppId, miniSecret } = sandbox.credentials;
  const config = {
    ...loadConfig({ SANDBOX: '1', LOG_LEVEL: logLevel }),
    wecom: { corpId, secret: corpSecret, apiBase: sandboxUrl },
    wechat: { miniAppId, miniSecret, apiBase: sandboxUrl },
    liveAnchors: [...SANDBOX_ANCHORS],
  };
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const scrubber = createSecretScrubber();
  const sessionSecret = 'e2e-session-secret-that-is-long-enough-0123456789';
  const services = createServices({
    config,
    sessionSecret,
    store: createMemoryStore(),
    logger: createLogger({ level: logLevel, destination, scrubber }),
    scrubber,
    // Short back-offs so an outage is noticed (and the stale card served) within one client poll.
    wecom: { backoff: { baseMs: 5, maxMs: 20 }, outageHoldMs: 500 },
    upstreamTimeoutMs: 1000,
    cards,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = createApp({ ...services, h5Dir })
      .listen(0, '127.0.0.1', () => resolve(listening))
      .once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  return {
    sandbox,
    baseUrl: `http://127.0.0.1:${port}`,
    logs,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
    },
  };
}
