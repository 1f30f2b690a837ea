/**
 * A soak: `--minutes` (default 10) of mixed traffic on two built BFF processes (`npm run build:server` first) sharing
 * one real Redis, against the sandbox, with faults injected along the way. What a viewer, a screen and a staff
 * member do, all on loopback and each loop bounded (a rate and a cap on requests in flight, a 30 s timeout):
 *
 * - card polls (`GET /api/lives/:id`, with `If-None-Match` when the last ETag is known) and now and then the list;
 * - mini program sign-ins (`POST /api/session/weapp`, a fresh `wx.login()` code each) and code requests as those
 *   viewers, each followed half the time by the open beacon;
 * - view beacons from browsers that keep their cookies and from mini programs;
 * - event sockets (`/api/events`) opening, subscribing, re-subscribing and closing (cleanly or cut), plus an upgrade
 *   without `Sec-WebSocket-Key` now and then; push is on (both instances share the callback secrets) and one live
 *   changes status every 20 s, so WeCom's callback reaches one instance or the other and the cards flow to screens;
 * - staff reads (who am I, the staff list, a live's stats and funnel, the watchers CSV), signed in through WeCom's
 *   OAuth in the sandbox (again on a 401).
 *
 * Faults, at fractions of the run (10 minutes: 2:00–3:00, 3:30–4:30, 5:00–6:00, 7:00): WeCom slow (every WeCom API
 * answers after 3 s), WeCom answering 45009 to everything, WeCom down (connections cut; WeChat keeps answering),
 * and Redis killed and restarted 15 s later, empty.
 *
 * Each instance's RSS and open file descriptors (sockets among them) are read from `/proc/<pid>`, its active handles
 * and push sockets from its own `/metrics` on `METRICS_PORT` (loopback, not the public port), every 5 s; a row is
 * printed every 30 s. Targets, checked at the end (exit 1 when one is missed):
 * - RSS after warm-up (the first 20 % of the run, 2 minutes of 10) grows ≤ 10 % by the end of the traffic;
 * - once traffic stops and the client's connections are closed: no push socket left, handles and sockets back to
 *   what the instance had before any traffic, and the per-address socket allowance whole again (as many sockets as
 *   `LIMIT_SOCKETS_PER_IP` open at once on each instance);
 * - no 5xx except 503 with `Retry-After`, and every request answered.
 *
 * `npx tsx bench/soak.ts [--minutes 10] [--no-bad-upgrades]` (or `npm run bench -- --soak [--soak-minutes 10]`)
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { Agent, fetch, type Response } from 'undici';
import WebSocket from 'ws';
import { SANDBOX_LIVES, SANDBOX_STAFF_MEMBER, createSandbox, type Sandbox, type SandboxApi } from '../sandbox';
import type { ServerFrame } from '../shared/push';
import { freePort, startBff, type BffProcess } from '../test/cluster/support/bff-process';
import { startTestRedis } from '../test/support/redis-server';

const CALLBACK = { token: 'SoakBenchToken', encodingAesKey: 'kWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2D' };
const PUBLIC_ORIGIN = 'http://localhost:8080';
const SOCKETS_PER_IP = 50;
const REQUEST_TIMEOUT_MS = 30_000;
const SAMPLE_MS = 5_000;
const PRINT_MS = 30_000;
/** How long handles may take to settle once traffic stops (idle keep-alive sockets to the sandbox close after 5 s). */
const DRAIN_MS = 60_000;

/** The lives WeCom's APIs serve (WeChat's sign-in and codes stay up while these are broken). */
const WECOM_APIS: SandboxApi[] = [
  'gettoken',
  'living/get_living_info',
  'living/get_living_code',
  'living/get_user_all_livingid',
  'living/get_watch_stat',
  'auth/getuserinfo',
  'wwlogin/sso/login',
];
/** A live of the anchor 张伟 that the soak flips between reserved and living, so callbacks and pushes flow. */
const FLIP_LIVE = 'lvOQpQDgAASoakFlipLive0000000001';
const LIVES = [...Object.values(SANDBOX_LIVES), FLIP_LIVE];
const WATCHABLE = [SANDBOX_LIVES.living, SANDBOX_LIVES.endedReplayReady, FLIP_LIVE];
const TAGS = ['', 'poster', 'moments', 'group_a', 'mail'];

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number) => (kb / 1024).toFixed(1);
const mmss = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

// ---------------------------------------------------------------- what each instance holds

interface Sample {
  atMs: number;
  rssKb: number;
  fds: number;
  socketFds: number;
  handles: number;
  pushSockets: number;
  storeDegraded: number;
}

function procFigures(pid: number) {
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  let fds = 0;
  let socketFds = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    fds++;
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) socketFds++;
    } catch {
      // closed between the listing and the link
    }
  }
  return { rssKb, fds, socketFds };
}

/** `/metrics` on its own connection (no keep-alive, so the scrape leaves nothing open behind it). */
function scrape(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/metrics', agent: false, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve(text));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('metrics timeout')));
    req.on('error', reject);
    req.end();
  });
}

const metric = (text: string, name: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{}`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
};

interface Instance {
  name: string;
  bff: BffProcess;
  metricsPort: number;
  samples: Sample[];
}

async function sample(instance: Instance, atMs: number): Promise<Sample> {
  // /proc first: the scrape's own connection must not count among the sockets.
  const proc = procFigures(instance.bff.child.pid!);
  const text = await scrape(instance.metricsPort).catch(() => '');
  const s: Sample = {
    atMs,
    ...proc,
    // The scrape's own socket is one of the handles while it is answered: not counted.
    handles: metric(text, 'nodejs_active_handles_total') - 1,
    pushSockets: metric(text, 'bff_push_sockets'),
    storeDegraded: metric(text, 'bff_store_degraded'),
  };
  instance.samples.push(s);
  return s;
}

// ---------------------------------------------------------------- what the clients saw

type Kind = 'card' | 'list' | 'login' | 'code' | 'view' | 'open' | 'staff' | 'staffSignIn' | 'socket' | 'badUpgrade';
type Outcome = '101' | '2xx' | '3xx' | '4xx' | '503+RA' | '503 no RA' | '5xx' | 'no answer';

interface Bad {
  atMs: number;
  instance: string;
  kind: Kind;
  request: string;
  status: number | string;
  body: string;
}

function createTally(started: number) {
  const total = new Map<string, number>();
  const window = new Map<Outcome, number>();
  const perKind = new Map<string, number>();
  const bad: Bad[] = [];
  let badCount = 0;
  const outcomeOf = (status: number, retryAfter: string | null): Outcome =>
    status === 503
      ? retryAfter
        ? '503+RA'
        : '503 no RA'
      : status >= 500
        ? '5xx'
        : status >= 400
          ? '4xx'
          : status >= 300
            ? '3xx'
            : status === 101
              ? '101'
              : '2xx';
  const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  return {
    record(
      instance: string,
      kind: Kind,
      request: string,
      status: number | 'no answer',
      retryAfter: string | null,
      body = '',
    ) {
      const outcome: Outcome = status === 'no answer' ? 'no answer' : outcomeOf(status, retryAfter);
      bump(total, `${instance} ${outcome}`);
      bump(total, outcome);
      bump(window, outcome);
      bump(perKind, `${kind} ${outcome}`);
      if (outcome === '5xx' || outcome === '503 no RA' || outcome === 'no answer') {
        badCount++;
        if (bad.length < 20) {
          bad.push({ atMs: performance.now() - started, instance, kind, request, status, body: body.slice(0, 300) });
        }
      }
    },
    takeWindow() {
      const w = new Map(window);
      window.clear();
      return w;
    },
    total: (k: string) => total.get(k) ?? 0,
    perKind,
    bad,
    badCount: () => badCount,
  };
}

/**
 * Runs `work` every `everyMs` until `until()` is false, with at most `cap` in flight (a tick that finds the cap
 * reached is skipped and counted), so a slow upstream slows the loop instead of piling requests up.
 */
function loop(name: string, everyMs: number, cap: number, until: () => boolean, work: () => Promise<void>) {
  let inFlight = 0;
  let skipped = 0;
  const running = new Set<Promise<void>>();
  const done = (async () => {
    while (until()) {
      if (inFlight >= cap) skipped++;
      else {
        inFlight++;
        const p = work()
          .catch((err: unknown) => console.error(`soak: ${name} loop threw`, err))
          .finally(() => {
            inFlight--;
            running.delete(p);
          });
        running.add(p);
      }
      await sleep(everyMs);
    }
    await Promise.all(running);
  })();
  return { name, done, skipped: () => skipped };
}

// ---------------------------------------------------------------- the run

export interface SoakResult {
  ok: boolean;
  lines: string[];
}

export async function runSoak({
  minutes = 10,
  badUpgrades: withBadUpgrades = true,
  log = console.log,
}: {
  minutes?: number;
  /** Send the refused upgrades (no `Sec-WebSocket-Key`); `--no-bad-upgrades` leaves them out, to tell leaks apart. */
  badUpgrades?: boolean;
  log?: (line: string) => void;
}) {
  const durationMs = Math.round(minutes * 60_000);
  const at = (fraction: number) => Math.round(durationMs * fraction);
  const warmupMs = at(0.2);
  const redisDownMs = Math.min(15_000, Math.max(3_000, at(0.025)));
  const faults: Array<{ atMs: number; name: string; start: () => void | Promise<void> }> = [];

  const redis = await startTestRedis();
  const sandbox: Sandbox = createSandbox();
  const sandboxUrl = await sandbox.listen();
  const seed = sandbox.lives.get(SANDBOX_LIVES.reservedSoon)!;
  sandbox.lives.upsert(FLIP_LIVE, { ...seed, theme: '浸泡测试：状态切换', status: 0 });

  const instances: Instance[] = [];
  for (const name of ['A', 'B']) {
    const metricsPort = await freePort();
    const bff = await startBff({
      sandboxUrl,
      redisUrl: redis.url,
      keyPrefix: 'soak:',
      env: {
        WECOM_CALLBACK_TOKEN: CALLBACK.token,
        WECOM_CALLBACK_AES_KEY: CALLBACK.encodingAesKey,
        PUBLIC_ORIGIN,
        METRICS_PORT: String(metricsPort),
        METRICS_HOST: '127.0.0.1',
        LIMIT_SOCKETS_PER_IP: String(SOCKETS_PER_IP),
        // Every soak client is one loopback address, like a crowd behind one NAT: its new funnel visitors are not
        // what is measured here.
        FUNNEL_NEW_VISITORS_PER_IP_PER_MINUTE: '100000',
        LOG_LEVEL: 'info',
      },
    });
    instances.push({ name, bff, metricsPort, samples: [] });
  }
  const started = performance.now();
  const startedWall = Date.now();
  const elapsed = () => performance.now() - started;
  const tally = createTally(started);
  const agent = new Agent({ connections: 64, keepAliveTimeout: 4_000 });

  // Before any traffic: what each instance holds at rest (Redis connections, listeners, timers).
  await sleep(1_000);
  const baseline = await Promise.all(instances.map((i) => sample(i, 0)));
  instances.forEach((i) => (i.samples.length = 0));

  let trafficOn = true;
  const running = () => trafficOn && elapsed() < durationMs;
  const instanceFor = (n = Math.random()) => instances[n < 0.5 ? 0 : 1]!;

  async function call(
    kind: Kind,
    inst: Instance,
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<Response | undefined> {
    const request = `${init.method ?? 'GET'} ${path}`;
    try {
      const res = await fetch(`${inst.bff.url}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.body !== undefined ? { 'content-type': 'application/json', origin: PUBLIC_ORIGIN } : {}),
          ...init.headers,
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
        redirect: 'manual',
        dispatcher: agent,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const bad = res.status >= 500;
      const body = bad ? await res.text() : '';
      tally.record(inst.name, kind, request, res.status, res.headers.get('retry-after'), body);
      return res;
    } catch (err) {
      tally.record(inst.name, kind, request, 'no answer', null, String((err as Error)?.cause ?? err));
      return undefined;
    }
  }
  /** Reads (and so releases) a body that was not read to judge the answer. */
  const drain = async (res: Response | undefined) => {
    if (res && !res.bodyUsed) await res.arrayBuffer().catch(() => undefined);
  };

  // Card polls: what a page on screen does, with the ETag it was last given.
  const etags = new Map<string, string>();
  const cardPolls = loop('cards', 50, 40, running, async () => {
    const inst = instanceFor();
    const live = pick(LIVES);
    const key = `${inst.name} ${live}`;
    const etag = etags.get(key);
    const res = await call('card', inst, `/api/lives/${live}`, {
      headers: etag && Math.random() < 0.8 ? { 'if-none-match': etag } : {},
    });
    const next = res?.headers.get('etag');
    if (next) etags.set(key, next);
    await drain(res);
  });
  const listPolls = loop('list', 5_000, 2, running, async () => drain(await call('list', instanceFor(), '/api/lives')));

  // Viewers: a mini program signs in with a fresh wx.login() code, asks for codes, sends the open beacon.
  const viewers: string[] = [];
  let logins = 0;
  const signIns = loop('logins', 1_000, 10, running, async () => {
    const n = logins++;
    const person = n % 400; // the same people come back with new codes, as they would
    const res = await call('login', instanceFor(), '/api/session/weapp', {
      method: 'POST',
      body: { code: `soak${person}-${n}` },
    });
    if (res?.status === 200) {
      const { token } = (await res.json()) as { token: string };
      viewers[person % 200] = token;
    } else await drain(res);
  });
  const codes = loop('codes', 333, 20, running, async () => {
    const token = viewers.length ? pick(viewers) : undefined;
    if (!token) return;
    const inst = instanceFor();
    const live = pick(WATCHABLE);
    const auth = { authorization: `Bearer ${token}` };
    const from = pick(TAGS);
    const res = await call('code', inst, `/api/lives/${live}/code`, {
      method: 'POST',
      headers: auth,
      body: from ? { from } : {},
    });
    const got = res?.status === 200;
    await drain(res);
    if (got && Math.random() < 0.5) {
      await drain(
        await call('open', instanceFor(), `/api/lives/${live}/opens`, {
          method: 'POST',
          headers: auth,
          body: from ? { from } : {},
        }),
      );
    }
  });

  // View beacons: H5 browsers (each keeps the visitor cookie it was given) and mini programs (each asks the BFF for
  // its install id once and keeps it).
  const browsers: Array<string | undefined> = Array.from({ length: 150 });
  const installs: Array<string | undefined> = Array.from({ length: 150 });
  async function installId(): Promise<string | undefined> {
    const i = Math.floor(Math.random() * installs.length);
    if (installs[i]) return installs[i];
    const res = await call('view', instanceFor(), '/api/visitors', { method: 'POST', body: {} });
    if (res?.status === 201) installs[i] = ((await res.json()) as { visitor: string }).visitor;
    else await drain(res);
    return installs[i];
  }
  const views = loop('views', 200, 20, running, async () => {
    const live = pick(LIVES);
    const from = pick(TAGS);
    if (Math.random() < 0.5) {
      const b = Math.floor(Math.random() * browsers.length);
      const cookie = browsers[b];
      const res = await call('view', instanceFor(), `/api/lives/${live}/views`, {
        method: 'POST',
        headers: cookie ? { cookie } : {},
        body: from ? { from } : {},
      });
      const set = res?.headers.getSetCookie().map((c) => c.split(';')[0]!);
      if (set?.length) browsers[b] = set.join('; ');
      await drain(res);
    } else {
      const visitor = await installId();
      if (!visitor) return;
      await drain(
        await call('view', instanceFor(), `/api/lives/${live}/views`, {
          method: 'POST',
          body: { visitor, ...(from ? { from } : {}) },
        }),
      );
    }
  });

  // Event sockets: up to 24 screens open at once, each for 3–30 s, closed cleanly or cut.
  const openSockets = new Set<WebSocket>();
  let socketsOpened = 0;
  let cardFrames = 0;
  let errorFrames = 0;
  const socketLoop = loop('sockets', 400, 30, running, async () => {
    if (openSockets.size >= 24) return;
    const inst = instanceFor();
    const socket = new WebSocket(`${inst.bff.url.replace('http', 'ws')}/api/events`, { origin: PUBLIC_ORIGIN });
    const lifetimeMs = 3_000 + Math.random() * 27_000;
    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let resub: NodeJS.Timeout | undefined;
      let answered = false;
      const upgrade = (status: number | 'no answer', retryAfter: string | null, body = '') => {
        if (answered) return;
        answered = true;
        tally.record(inst.name, 'socket', 'GET /api/events (upgrade)', status, retryAfter, body);
      };
      const finish = () => {
        clearTimeout(timer);
        clearTimeout(resub);
        openSockets.delete(socket);
        resolve();
      };
      socket.on('unexpected-response', (_req, res) => {
        upgrade(res.statusCode ?? 0, String(res.headers['retry-after'] ?? '') || null);
        res.resume();
        socket.terminate();
        finish();
      });
      socket.on('error', (err) => {
        upgrade('no answer', null, String(err)); // ignored when the upgrade was answered already
        finish();
      });
      socket.on('close', finish);
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as ServerFrame;
        if (frame.type === 'card') cardFrames++;
        else errorFrames++;
      });
      socket.on('open', () => {
        upgrade(101, null);
        if (!trafficOn) return socket.close(1000, 'bye');
        socketsOpened++;
        openSockets.add(socket);
        const lives = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => pick(LIVES));
        socket.send(JSON.stringify({ subscribe: [...new Set([...lives, FLIP_LIVE])] }));
        resub = setTimeout(() => {
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ subscribe: [pick(LIVES)] }));
        }, lifetimeMs / 2);
        timer = setTimeout(() => {
          if (Math.random() < 0.6) socket.close(1000, 'bye');
          else socket.terminate();
        }, lifetimeMs);
      });
    });
  });
  // An upgrade `ws` refuses (no Sec-WebSocket-Key): answered 400, and must cost the address nothing.
  const badUpgrades = loop(
    'badUpgrade',
    10_000,
    2,
    () => withBadUpgrades && running(),
    async () => {
      const inst = instanceFor();
      const { port } = new URL(inst.bff.url);
      await new Promise<void>((resolve) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port: Number(port),
          path: '/api/events',
          agent: false,
          timeout: REQUEST_TIMEOUT_MS,
          headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13' },
        });
        req.on('response', (res) => {
          tally.record(
            inst.name,
            'badUpgrade',
            'GET /api/events (no key)',
            res.statusCode ?? 0,
            String(res.headers['retry-after'] ?? '') || null,
          );
          res.resume();
          res.on('end', resolve);
        });
        req.on('upgrade', (res, sock) => {
          tally.record(inst.name, 'badUpgrade', 'GET /api/events (no key)', res.statusCode ?? 101, null);
          sock.destroy();
          resolve();
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', (err) => {
          tally.record(inst.name, 'badUpgrade', 'GET /api/events (no key)', 'no answer', null, String(err));
          resolve();
        });
        req.end();
      });
    },
  );

  // Staff: signed in through WeCom's OAuth (the sandbox hands out the code), again whenever a read says 401.
  const staffCookies = new Map<string, Promise<string | undefined>>();
  let staffSignIns = 0;
  /** One sign-in at a time per instance: reads waiting for it share its cookie. */
  function staffCookie(inst: Instance): Promise<string | undefined> {
    let cookie = staffCookies.get(inst.name);
    if (!cookie) {
      cookie = staffSignIn(inst).catch(() => undefined);
      staffCookies.set(inst.name, cookie);
      // A failed sign-in (WeCom down) is tried again by the next read.
      void cookie.then((c) => {
        if (!c) staffCookies.delete(inst.name);
      });
    }
    return cookie;
  }
  async function staffSignIn(inst: Instance): Promise<string | undefined> {
    staffSignIns++;
    const start = await call('staffSignIn', inst, '/api/staff/session?returnTo=%2F');
    if (start?.status !== 302) return void (await drain(start));
    const browser = start.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('wlv_oauth='));
    const state = new URL(start.headers.get('location')!).searchParams.get('state');
    await drain(start);
    const code = sandbox.members.codeFor(SANDBOX_STAFF_MEMBER);
    const back = await call('staffSignIn', inst, `/api/staff/session/callback?code=${code}&state=${state}`, {
      headers: browser ? { cookie: browser } : {},
    });
    const cookie = back?.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('wlv_staff='));
    await drain(back);
    return cookie;
  }
  let staffReads = 0;
  const staff = loop('staff', 2_000, 4, running, async () => {
    const inst = instanceFor();
    const cookie = await staffCookie(inst);
    if (!cookie) return;
    const n = staffReads++;
    const live = pick([SANDBOX_LIVES.endedReplayReady, SANDBOX_LIVES.living, SANDBOX_LIVES.endedNoReplay]);
    const path =
      n % 10 === 9
        ? `/api/staff/lives/${live}/watchers.csv`
        : pick([
            `/api/staff/lives/${live}/stats`,
            `/api/staff/lives/${live}/funnel`,
            '/api/staff/lives',
            '/api/staff/me',
          ]);
    const res = await call('staff', inst, path, { headers: { cookie } });
    if (res?.status === 401) staffCookies.delete(inst.name);
    await drain(res);
  });

  // WeCom changes one live's status every 20 s; its callback goes to one instance or the other.
  let flips = 0;
  const flipper = loop('flips', 20_000, 1, running, async () => {
    const target = instances[flips % 2]!;
    sandbox.callbacks.configure({
      url: `${target.bff.url}/api/wecom/callback`,
      token: CALLBACK.token,
      aesKey: CALLBACK.encodingAesKey,
    });
    sandbox.lives.setStatus(FLIP_LIVE, flips % 2 === 0 ? 1 : 0);
    flips++;
  });

  // The faults.
  const wecom = (f: (api: SandboxApi) => void) => WECOM_APIS.forEach(f);
  faults.push(
    { atMs: at(0.2), name: 'WeCom slow (3 s)', start: () => wecom((api) => sandbox.faults.latency(api, 3_000)) },
    { atMs: at(0.3), name: 'WeCom well', start: () => sandbox.faults.clear() },
    {
      atMs: at(0.35),
      name: 'WeCom 45009',
      start: () => wecom((api) => sandbox.faults.failNext(api, 45009, 1_000_000)),
    },
    { atMs: at(0.45), name: 'WeCom well', start: () => sandbox.faults.clear() },
    { atMs: at(0.5), name: 'WeCom down', start: () => wecom((api) => sandbox.faults.drop(api, 1_000_000)) },
    { atMs: at(0.6), name: 'WeCom well', start: () => sandbox.faults.clear() },
    { atMs: at(0.7), name: 'Redis killed', start: () => redis.kill() },
    { atMs: at(0.7) + redisDownMs, name: 'Redis restarted (empty)', start: () => redis.restart() },
  );
  const faultLog: string[] = [];
  let inForce: string | undefined;
  const faultRunner = (async () => {
    for (const f of faults) {
      const wait = f.atMs - elapsed();
      if (wait > 0) await sleep(wait);
      if (!trafficOn) return;
      await f.start();
      inForce = f.name;
      faultLog.push(`${mmss(elapsed())} ${f.name}`);
      log(`  -- ${mmss(elapsed())} ${f.name}`);
    }
  })();

  // The table.
  const header =
    'time   phase                   | A rss MB  hdl  fds sock push st  | B rss MB  hdl  fds sock push st  | ' +
    'ws open |   101   2xx   3xx   4xx 503+RA 503-RA  5xx noans';
  log(header);
  // `st`: the instance's own view of Redis (bff_store_degraded): ok, or deg while it serves from memory.
  const baselineRow = (b: Sample) =>
    `${mb(b.rssKb).padStart(9)} ${String(b.handles).padStart(4)} ${String(b.fds).padStart(4)} ${String(b.socketFds).padStart(4)} ${String(b.pushSockets).padStart(4)} ${b.storeDegraded ? 'deg' : 'ok '}`;
  log(
    `${'00:00'.padEnd(6)} ${'baseline (no traffic)'.padEnd(23)} |${baselineRow(baseline[0]!)} |${baselineRow(baseline[1]!)} |`,
  );
  let phase = 'warm-up';
  /** The fault in force when the row was sampled (as the fault runner applied it, not as scheduled). */
  const phaseAt = (ms: number) =>
    !inForce || /^(WeCom well|Redis restarted)/.test(inForce) ? (ms < warmupMs ? 'warm-up' : 'traffic') : inForce;
  let lastPrint = 0;
  const sampler = (async () => {
    while (trafficOn && elapsed() < durationMs) {
      await sleep(SAMPLE_MS - (elapsed() % SAMPLE_MS));
      const now = elapsed();
      const rows = await Promise.all(instances.map((i) => sample(i, now)));
      phase = phaseAt(now);
      if (now - lastPrint >= PRINT_MS - 1_000) {
        lastPrint = now;
        const w = tally.takeWindow();
        const c = (o: Outcome) => String(w.get(o) ?? 0).padStart(5);
        log(
          `${mmss(now).padEnd(6)} ${phase.slice(0, 23).padEnd(23)} |${baselineRow(rows[0]!)} |${baselineRow(rows[1]!)} | ` +
            `${String(openSockets.size).padStart(7)} | ${c('101')} ${c('2xx')} ${c('3xx')} ${c('4xx')} ` +
            `${c('503+RA').padStart(6)} ${c('503 no RA').padStart(6)} ${c('5xx').padStart(4)} ${c('no answer')}`,
        );
      }
    }
  })();

  await sleep(durationMs);
  trafficOn = false;
  // Screens still open are closed as a crowd leaving would: most cleanly, some cut.
  for (const s of openSockets) {
    if (Math.random() < 0.6) s.close(1000, 'bye');
    else s.terminate();
  }
  const loops = [cardPolls, listPolls, signIns, codes, views, socketLoop, badUpgrades, staff, flipper];
  await Promise.all(loops.map((l) => l.done));
  await Promise.all([sampler, faultRunner]);
  sandbox.faults.clear();
  await agent.close();
  const endOfTraffic = elapsed();
  const lastTraffic = await Promise.all(instances.map((i) => sample(i, endOfTraffic)));

  // The allowance: every instance lets this address open its full share of sockets again.
  const allowance = await Promise.all(
    instances.map(async (inst) => {
      const sockets = Array.from(
        { length: SOCKETS_PER_IP },
        () => new WebSocket(`${inst.bff.url.replace('http', 'ws')}/api/events`, { origin: PUBLIC_ORIGIN }),
      );
      const results = await Promise.all(
        sockets.map(
          (s) =>
            new Promise<number>((resolve) => {
              s.once('open', () => resolve(101));
              s.once('unexpected-response', (_req, res) => (res.resume(), resolve(res.statusCode ?? 0)));
              s.once('error', () => resolve(0));
            }),
        ),
      );
      await Promise.all(
        sockets.map((s) =>
          s.readyState === WebSocket.CLOSED ? undefined : new Promise((r) => (s.once('close', r), s.close(1000))),
        ),
      );
      return { opened: results.filter((r) => r === 101).length, refused: results.filter((r) => r !== 101) };
    }),
  );

  // Drain: wait until each instance is back to what it held before any traffic.
  const settled = (s: Sample, b: Sample) => s.pushSockets === 0 && s.handles <= b.handles && s.socketFds <= b.socketFds;
  const drainStart = elapsed();
  let final: Sample[] = [];
  for (;;) {
    await sleep(2_000);
    final = await Promise.all(instances.map((i) => sample(i, elapsed())));
    if (final.every((s, i) => settled(s, baseline[i]!)) || elapsed() - drainStart > DRAIN_MS) break;
  }
  const drainMs = elapsed() - drainStart;
  log(
    `${mmss(elapsed()).padEnd(6)} ${'after traffic + drain'.padEnd(23)} |${baselineRow(final[0]!)} |${baselineRow(final[1]!)} |`,
  );

  // Error lines the instances logged, and how they exited.
  // A 503 the BFF answered is logged as an error line too (`request failed`): counted by code, not listed.
  const errorKinds = new Map<string, number>();
  const errorLines: string[] = [];
  for (const i of instances) {
    for (const l of i.bff.logs().filter((l) => Number(l.level) >= 50)) {
      const kind = `${i.name} ${String(l.event)} ${l.status ?? ''} ${String(l.code ?? l.msg ?? '')}`;
      errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
      if (!(l.event === 'request' && l.status === 503))
        errorLines.push(`${i.name}: ${JSON.stringify(l).slice(0, 400)}`);
    }
  }
  // When each instance said Redis went away and came back (store-health's own lines).
  const storeEvents = instances.map((i) =>
    i.bff
      .logs()
      .filter((l) => ['store_degraded', 'store_still_degraded', 'store_recovered'].includes(String(l.event)))
      .map(
        (l) =>
          `${mmss(Date.parse(String(l.time)) - startedWall)} ${String(l.event)}` +
          `${l.reason ? ` (${String(l.reason)})` : ''}`,
      ),
  );
  const degradedSamples = instances.map((i) => {
    const spans: string[] = [];
    let from: number | undefined;
    for (const s of i.samples) {
      if (s.storeDegraded && from === undefined) from = s.atMs;
      if (!s.storeDegraded && from !== undefined) {
        spans.push(`${mmss(from)}–${mmss(s.atMs)}`);
        from = undefined;
      }
    }
    if (from !== undefined) spans.push(`${mmss(from)}–end`);
    return spans;
  });
  const exitCodes = await Promise.all(instances.map((i) => i.bff.stop()));
  await sandbox.close();
  await redis.stop();

  // The verdict.
  const lines: string[] = [];
  const out = (s: string) => (lines.push(s), log(s));
  const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  out('');
  out(
    `## Soak verdict (${minutes} min, warm-up ${mmss(warmupMs)}, ${socketsOpened} sockets opened, ${flips} status changes)`,
  );
  out(`faults: ${faultLog.join('; ')}`);
  let ok = true;
  const rssFigures = instances.map((inst) => {
    const afterWarmup = inst.samples
      .filter((s) => s.atMs >= warmupMs - 60_000 && s.atMs <= warmupMs)
      .map((s) => s.rssKb);
    const end = inst.samples
      .filter((s) => s.atMs >= durationMs - 60_000 && s.atMs <= durationMs + 1)
      .map((s) => s.rssKb);
    const from = median(afterWarmup);
    const to = median(end);
    const peak = Math.max(...inst.samples.map((s) => s.rssKb));
    // RSS is a sawtooth here: V8 lets the old generation grow for minutes, then a full collection drops it by a
    // third. A minute's median depends on where it falls in that cycle, so growth is judged at the same phase: the
    // level just after each full collection (a sample over 15 % below the highest of the 30 s before it) from the
    // end of warm-up on, first against last. Retained memory would raise every such trough.
    const series = inst.samples.filter((s) => s.atMs >= warmupMs - 60_000 && s.atMs <= durationMs + 1);
    const troughs: Array<{ atMs: number; rssKb: number }> = [];
    for (let i = 1; i < series.length; i++) {
      const before = series.slice(Math.max(0, i - 6), i).map((x) => x.rssKb);
      if (series[i]!.rssKb >= 0.85 * Math.max(...before)) continue;
      // One trough per collection: the lowest sample of the 30 s from the drop on, then past them.
      const after = series.slice(i, i + 6);
      troughs.push({ atMs: series[i]!.atMs, rssKb: Math.min(...after.map((x) => x.rssKb)) });
      i += 5;
    }
    return { name: inst.name, from, to, peak, growth: to / from - 1, troughs };
  });
  for (const r of rssFigures) {
    const [first, last] = [r.troughs[0], r.troughs.at(-1)];
    const byPhase = first && last && last !== first ? last.rssKb / first.rssKb - 1 : undefined;
    const met = (byPhase ?? r.growth) <= 0.1;
    ok &&= met;
    out(
      `RSS ${r.name}: medians ${mb(r.from)} MB in the last minute of warm-up → ${mb(r.to)} MB in the last minute ` +
        `of traffic (${(r.growth * 100).toFixed(1)} %), peak ${mb(r.peak)} MB; just after each full collection: ` +
        `${r.troughs.map((t) => `${mmss(t.atMs)} ${mb(t.rssKb)}`).join(', ') || 'none seen'} MB → growth ` +
        `${((byPhase ?? r.growth) * 100).toFixed(1)} % ${byPhase === undefined ? '(medians: fewer than two collections seen)' : '(first → last collection)'} ` +
        `(target ≤ 10 %) → ${verdict(met)}`,
    );
  }
  instances.forEach((inst, i) => {
    const b = baseline[i]!;
    const f = final[i]!;
    const t = lastTraffic[i]!;
    const met = settled(f, b);
    ok &&= met;
    out(
      `handles ${inst.name}: before traffic ${b.handles} handles / ${b.fds} fds (${b.socketFds} sockets); ` +
        `as traffic stopped ${t.handles} / ${t.fds} (${t.socketFds}), push ${t.pushSockets}; ` +
        `${(drainMs / 1000).toFixed(0)} s later ${f.handles} / ${f.fds} (${f.socketFds}), push ${f.pushSockets} → ${verdict(met)}`,
    );
  });
  allowance.forEach((a, i) => {
    const met = a.opened === SOCKETS_PER_IP;
    ok &&= met;
    out(
      `socket allowance ${instances[i]!.name}: ${a.opened}/${SOCKETS_PER_IP} sockets opened at once after the run` +
        `${a.refused.length ? ` (refused: ${[...new Set(a.refused)].join(', ')})` : ''} → ${verdict(met)}`,
    );
  });
  const answered = ['101', '2xx', '3xx', '4xx', '503+RA'].reduce((s, o) => s + tally.total(o), 0);
  const badCount = tally.badCount();
  const statusOk = badCount === 0;
  ok &&= statusOk;
  out(
    `answers: ${answered + badCount} requests (upgrades included) — 101 ${tally.total('101')}, ` +
      `2xx ${tally.total('2xx')}, 3xx ${tally.total('3xx')}, ` +
      `4xx ${tally.total('4xx')}, 503 with Retry-After ${tally.total('503+RA')}, 503 without ${tally.total('503 no RA')}, ` +
      `other 5xx ${tally.total('5xx')}, no answer ${tally.total('no answer')} → ${verdict(statusOk)}`,
  );
  for (const inst of instances) {
    const classes: Outcome[] = ['101', '2xx', '3xx', '4xx', '503+RA', '503 no RA', '5xx', 'no answer'];
    out(`  ${inst.name}: ${classes.map((o) => `${o} ${tally.total(`${inst.name} ${o}`)}`).join(', ')}`);
  }
  const byKind = [...tally.perKind.entries()].sort().map(([k, v]) => `${k} ${v}`);
  out(`by kind: ${byKind.join(', ')}`);
  out(
    `sockets: ${socketsOpened} opened, ${cardFrames} card frames, ${errorFrames} error frames; logins ${logins}; ` +
      `staff sign-ins ${staffSignIns}; loop ticks skipped at their cap: ` +
      loops.map((l) => `${l.name} ${l.skipped()}`).join(', '),
  );
  out(
    `instances exited with ${exitCodes.join(', ')}; error log lines: ` +
      ([...errorKinds].map(([k, n]) => `${k} × ${n}`).join(', ') || 'none'),
  );
  instances.forEach((inst, i) =>
    out(
      `store ${inst.name}: degraded in samples ${degradedSamples[i]!.join(', ') || 'never'}; ` +
        `log: ${storeEvents[i]!.join(', ') || 'nothing'}`,
    ),
  );
  for (const b of tally.bad) {
    out(`  bad answer at ${mmss(b.atMs)} on ${b.instance}: ${b.request} → ${b.status} ${b.body}`);
  }
  for (const l of errorLines.slice(0, 10)) out(`  ${l}`);
  out(`soak → ${verdict(ok)}`);
  return { ok, lines };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { minutes: { type: 'string' }, 'no-bad-upgrades': { type: 'boolean' } },
  });
  runSoak({
    minutes: values.minutes ? Number(values.minutes) : undefined,
    badUpgrades: !values['no-bad-upgrades'],
  }).then(
    ({ ok }) => process.exit(ok ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
