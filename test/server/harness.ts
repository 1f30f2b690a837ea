import { Writable } from 'node:stream';
import supertest from 'supertest';
import { createApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config/config';
import { pointAtSandbox } from '../../sandbox/point-at-sandbox';
import { createLogger } from '../../server/logging/logger';
import { createSecretScrubber } from '../../server/logging/secret-scrubber';
import { createSandbox, type SandboxOptions } from '../../sandbox';
import { createServices, type ServiceOptions } from '../../server/services';
import { createMemoryStore } from '../../server/store/memory-store';

/** A clock tests can move. */
export function manualClock(start = Date.now()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
}

/** Collects every JSON log line the BFF writes. */
export function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return {
    stream,
    lines,
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    text: () => lines.join('\n'),
  };
}

export const SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

export interface HarnessOptions {
  sandbox?: SandboxOptions;
  config?: Partial<Config>;
  now?: () => number;
  tuning?: Pick<ServiceOptions, 'upstream' | 'cards' | 'upstreamTimeoutMs'>;
  metrics?: ServiceOptions['metrics'];
  /** `debug` by default (every success logged, which also turns the hot card path off). */
  logLevel?: string;
  /** Stores to use instead of the default memory ones (e.g. small ones, to show what cannot crowd out what). */
  stores?: Partial<Pick<ServiceOptions, 'store' | 'signInStore' | 'staffStore'>>;
}

/**
 * The BFF wired to a sandbox over real HTTP on loopback. Requests to the BFF go through `app.callback()`
 * (supertest, no port): the network path under test is the one between the BFF and WeCom.
 */
export async function startHarness({
  sandbox: sandboxOptions,
  config: overrides = {},
  now,
  tuning = {},
  stores = {},
  metrics,
  logLevel = 'debug',
}: HarnessOptions = {}) {
  // live.test stands for PUBLIC_ORIGIN's host: the service account's registered OAuth domain.
  const sandbox = createSandbox({
    ...(now ? { now } : {}),
    oauthDomains: ['live.test', 'live.example.com'],
    wecomDomains: ['live.test', 'live.example.com'],
    ...sandboxOptions,
  });
  const base = await sandbox.listen();
  const logs = logCapture();
  const scrubber = createSecretScrubber();
  const logger = createLogger({ level: logLevel, destination: logs.stream, scrubber });
  const config: Config = {
    ...pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'debug' }), base, sandbox.credentials),
    publicOrigin: 'http://live.test',
    sessionSecret: SESSION_SECRET,
    ...overrides,
  };
  // WeCom's web QR login is the sandbox too.
  config.staff = { ...config.staff, loginBase: overrides.staff?.loginBase || base };
  const services = createServices({
    config,
    sessionSecret: SESSION_SECRET,
    store: stores.store ?? createMemoryStore(now ? { now } : {}),
    ...(stores.signInStore ? { signInStore: stores.signInStore } : {}),
    ...(stores.staffStore ? { staffStore: stores.staffStore } : {}),
    logger,
    scrubber,
    ...(now ? { now } : {}),
    upstream: { backoff: { baseMs: 5, maxMs: 20 }, outageHoldMs: 500, ...tuning.upstream },
    cards: tuning.cards,
    upstreamTimeoutMs: tuning.upstreamTimeoutMs ?? 1000,
    metrics,
  });
  const app = createApp(services);
  const http = supertest(app.callback());

  /** Signs in through the real mini program login path; returns the token and the openid WeChat gave. */
  async function login(code = `viewer${Math.random().toString(36).slice(2, 12)}-login`) {
    const res = await http.post('/api/session/weapp').send({ code }).expect(200);
    return { token: res.body.token as string, openid: sandbox.wechat.openidForCode(code) };
  }

  return { sandbox, base, app, http, logs, services, config, login, close: () => sandbox.close() };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
