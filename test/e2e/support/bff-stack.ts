import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../../server/app';
import { DEFAULT_REMINDER_FIELDS, loadConfig } from '../../../server/config/config';
import { pointAtSandbox } from '../../../sandbox/point-at-sandbox';
import { createLogger } from '../../../server/logging/logger';
import { createSecretScrubber } from '../../../server/logging/secret-scrubber';
import {
  SANDBOX_ANCHORS,
  SANDBOX_CALLBACK_AGENT_ID,
  SANDBOX_REMINDER_TEMPLATES,
  SANDBOX_STAFF_MEMBER,
  createSandbox,
  randomCallbackSecrets,
  type Sandbox,
  type SandboxOptions,
} from '../../../sandbox';
import { attachEventSocket } from '../../../server/push/event-socket';
import { createServices, type ServiceOptions } from '../../../server/services';
import { createMemoryStore } from '../../../server/store/memory-store';
import { requireH5Build } from './h5-build';
import { STAFF_DIR } from './staff-build';

export interface BffStackOptions {
  /** Card cache tuning; a short `freshMs` lets sandbox changes reach the browser within one client poll. */
  cards?: ServiceOptions['cards'];
  /** BFF log level (lines are kept in `logs`, not printed). */
  logLevel?: string;
  /**
   * The clock of the BFF, its store and the sandbox (default `Date.now`). A test moving it forward, together with
   * the browser's (`page.clock`), sees what happens minutes later without waiting.
   */
  now?: () => number;
  /** Sandbox tuning, e.g. `livingCodeTtlSeconds`. */
  sandbox?: Omit<SandboxOptions, 'now'>;
  /** The H5 build to serve (default `dist/h5`); a benchmark may compare two. */
  h5Dir?: string;
  /** The staff console build to serve at /staff (default `dist/staff` when built; `requireStaffBuild` insists). */
  staffDir?: string;
  /**
   * Push on, as in sandbox mode: the sandbox's WeCom calls back on status changes and the BFF offers `/api/events`.
   * Off by default, so pages poll as they do without WeCom's callback configured.
   */
  push?: boolean;
  /**
   * 开播提醒 offered, as in sandbox mode: the sandbox's reminder template for each app. Off by default, so pages show
   * no reminder button and ask nothing about reminders.
   */
  reminders?: boolean;
}

export interface BffStack {
  sandbox: Sandbox;
  /** `http://127.0.0.1:PORT` of the BFF, which serves both `/api/*` and the H5 app; also its PUBLIC_ORIGIN. */
  baseUrl: string;
  /** The BFF's JSON log lines, for a failing test to look at. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The sandbox and the BFF serving the H5 build, both listening on loopback on ephemeral ports, wired the way
 * `server/main.ts` wires sandbox mode: the home page lists every showcase live of the sandbox's anchors, and the
 * sandbox's service account signs H5 viewers in and signs JS-SDK configs. The BFF listens before it is configured,
 * because its public origin (where WeChat's OAuth returns) is its own `http://127.0.0.1:PORT`.
 */
export async function startBffStack({
  cards,
  logLevel = 'info',
  now = Date.now,
  sandbox: sandboxOptions = {},
  h5Dir = requireH5Build(),
  staffDir = existsSync(join(STAFF_DIR, 'index.html')) ? STAFF_DIR : undefined,
  push = false,
  reminders = false,
}: BffStackOptions = {}): Promise<BffStack> {
  requireH5Build(h5Dir);
  const sandbox = createSandbox({ ...sandboxOptions, now });
  const { token, aesKey } = randomCallbackSecrets();
  const callbackSecrets = { token, encodingAesKey: aesKey };
  const sandboxUrl = await sandbox.listen(0, '127.0.0.1');

  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const pointed = pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: logLevel }), sandboxUrl, sandbox.credentials);
  const reminderTemplate = (app: 'mini' | 'mp') => ({
    templateId: SANDBOX_REMINDER_TEMPLATES[app].id,
    fields: [...DEFAULT_REMINDER_FIELDS],
  });
  const config = {
    ...pointed,
    reminders: reminders
      ? { ...pointed.reminders, mini: reminderTemplate('mini'), mp: reminderTemplate('mp') }
      : pointed.reminders,
    publicOrigin: baseUrl,
    liveAnchors: [...SANDBOX_ANCHORS],
    callback: push ? callbackSecrets : undefined,
    // Staff sign in with the sandbox's WeCom QR login, as in sandbox mode: 赵敏 is staff, 李芳 also a manager.
    staff: {
      agentId: SANDBOX_CALLBACK_AGENT_ID,
      loginBase: sandboxUrl,
      userIds: [SANDBOX_STAFF_MEMBER, 'lifang'],
      managers: ['lifang'],
    },
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
    store: createMemoryStore({ now }),
    logger: createLogger({ level: logLevel, destination, scrubber }),
    scrubber,
    now,
    // Short back-offs so an outage is noticed (and the stale card served) within one client poll.
    upstream: { backoff: { baseMs: 5, maxMs: 20 }, outageHoldMs: 500 },
    upstreamTimeoutMs: 1000,
    cards,
  });
  server.on('request', createApp({ ...services, h5Dir, staffDir }).callback());
  const events = attachEventSocket({
    server,
    bus: services.cardBus,
    currentCard: (livingId, ip) => services.cards.get(livingId, { ip }),
    logger: createLogger({ level: 'silent' }),
    enabled: push,
  });
  if (push) sandbox.callbacks.configure({ url: `${baseUrl}/api/wecom/callback`, token, aesKey });

  return {
    sandbox,
    baseUrl,
    logs,
    async close() {
      await events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
    },
  };
}
