/**
 * A smoke test of what `npm start` runs: the built BFF (`node build/server/server/main.js`, from `npm run build`)
 * as its own process, with no credentials, so in sandbox mode, both it and its sandbox on free ports (PORT=0,
 * SANDBOX_PORT=0). Over real HTTP it must serve the H5 app from dist/h5, survive a deep-link reload, redirect the
 * short links and list the sandbox's lives; and its log must say loudly that this is the sandbox.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { SANDBOX_CREDENTIALS, SANDBOX_LIVES } from '../../sandbox';
import type { LiveCard } from '../../shared/live-card';

const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'build/server/server/main.js');
const H5_INDEX = join(ROOT, 'dist/h5/index.html');
const STARTS_WITHIN_MS = 15_000;

/** Every variable `server/config/config.ts` reads: none leaks in from the shell running the tests. */
const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'SANDBOX',
  'SANDBOX_PORT',
  'WECOM_CORP_ID',
  'WECOM_SECRET',
  'WECOM_API_BASE',
  'WX_MINI_APPID',
  'WX_MINI_SECRET',
  'WECHAT_API_BASE',
  'WX_MP_APPID',
  'WX_MP_SECRET',
  'WECHAT_OPEN_BASE',
  'PUBLIC_ORIGIN',
  'SESSION_SECRET',
  'LIVE_IDS',
  'LIVE_ANCHORS',
  'WATCH_PATH_HTML_SUFFIX',
  'LOG_LEVEL',
  'H5_DIR',
  'SANDBOX_URL',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'REDIS_COMMAND_TIMEOUT_MS',
  'WECOM_BUDGET_PER_MINUTE',
  'WECOM_BUDGET_PER_HOUR',
  'WEB_CONCURRENCY',
  'SHUTDOWN_GRACE_MS',
  'LIMIT_LOGINS_PER_IP_PER_MINUTE',
  'LIMIT_CODES_PER_SESSION_PER_MINUTE',
  'LIMIT_CODES_PER_IP_PER_MINUTE',
  'METRICS_PORT',
  'METRICS_HOST',
  'TRUST_PROXY',
  'LIMIT_SOCKETS_PER_IP',
  'LIMIT_SOCKETS_PER_INSTANCE',
  'SERVER_HEADERS_TIMEOUT_MS',
  'SERVER_REQUEST_TIMEOUT_MS',
  'SERVER_KEEP_ALIVE_TIMEOUT_MS',
  'SERVER_MAX_CONNECTIONS',
  'WECOM_CALLBACK_TOKEN',
  'WECOM_CALLBACK_AES_KEY',
];

function requireBuilt(file: string, command: string): void {
  if (!existsSync(file)) throw new Error(`${relative(ROOT, file)} is missing: run \`${command}\` first`);
}

interface LogLine {
  level: number;
  event?: string;
  msg?: string;
  [field: string]: unknown;
}

describe('npm start (the built BFF, sandbox mode)', () => {
  // Checked while collecting, like test/build/client-build.test.ts: no build, no test run, and a message saying why.
  requireBuilt(MAIN, 'npm run build:server');
  requireBuilt(H5_INDEX, 'npm run build:client');

  let child: ChildProcess | undefined;
  let stderr = '';
  const logs: LogLine[] = [];
  const rawLines: string[] = [];
  let baseUrl = '';

  /** Last resort if jest's worker goes away before afterAll: the BFF must not outlive the test run. */
  const killHard = () => child?.kill('SIGKILL');

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of CONFIG_VARIABLES) delete env[name];
    const proc = spawn(process.execPath, [MAIN], {
      cwd: ROOT, // main.ts finds dist/h5 from the working directory, as under `npm start`
      env: { ...env, PORT: '0', SANDBOX_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    process.once('exit', killHard);
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

    const listening = new Promise<LogLine>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no 'listening' log line within ${STARTS_WITHIN_MS} ms`)),
        STARTS_WITHIN_MS,
      );
      // Read to the end, not just to 'listening': a full stdout pipe would block the server's logging.
      createInterface({ input: proc.stdout! }).on('line', (line) => {
        rawLines.push(line);
        let entry: LogLine;
        try {
          entry = JSON.parse(line) as LogLine;
        } catch {
          return; // not a JSON log line; the test on log lines reports it
        }
        logs.push(entry);
        if (entry.event === 'listening') {
          clearTimeout(timer);
          resolve(entry);
        }
      });
      // 'close', not 'exit': by then all of its stdout and stderr has been read, for the message.
      proc.once('close', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the BFF exited before listening (code ${code}, signal ${signal})`));
      });
      proc.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });

    try {
      const line = await listening;
      expect(line.port).toEqual(expect.any(Number));
      expect(line.port).toBeGreaterThan(0);
      baseUrl = `http://127.0.0.1:${line.port as number}`;
    } catch (err) {
      throw new Error(`${(err as Error).message}\nstdout:\n${rawLines.join('\n')}\nstderr:\n${stderr}`);
    }
  }, STARTS_WITHIN_MS + 5_000);

  afterAll(async () => {
    const proc = child;
    process.removeListener('exit', killHard);
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM'); // main.ts shuts down on SIGTERM
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }, 10_000);

  const get = (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init);
  const indexHtml = () => readFileSync(H5_INDEX, 'utf8');

  it('logs JSON lines, and says loudly (a warning) that it runs the sandbox', () => {
    expect(rawLines.filter((line) => !line.startsWith('{'))).toEqual([]);
    const sandbox = logs.find((line) => line.event === 'sandbox');
    expect(sandbox).toMatchObject({ level: 40, msg: expect.stringContaining('SANDBOX MODE') });
    expect(sandbox?.wecomApiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(logs.find((line) => line.event === 'listening')).toMatchObject({
      sandbox: true,
      h5: join(ROOT, 'dist/h5'),
    });
  });

  /** The build's entry scripts, in order. */
  const entries = () => [...indexHtml().matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);

  it('GET / answers the H5 app, its first cards drawn in and its entries started by the app-start script', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain(
      '<div id="app" role="main"></div><div id="first-screen" tabindex="0"><div class="page home">',
    );
    const start = /<script defer src="(\/app-start\.[0-9a-f]+\.js)" data-entries="([^"]+)"><\/script>/.exec(html);
    expect(start?.[2]?.split(' ')).toEqual(entries());
    const script = await get(start![1]!);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('document.currentScript');
  });

  it("a page without a first screen is the build's index.html as it is", async () => {
    const res = await get('/pages/live/index');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(indexHtml());
  });

  it('serves the scripts the H5 app loads', async () => {
    const scripts = entries();
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const res = await get(src);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(ROOT, 'dist/h5', src)))).toBe(true);
    }
  });

  it('a deep link to a live page survives a reload (GET answers the H5 app, with the live drawn in)', async () => {
    const res = await get(`/pages/live/index?id=${SANDBOX_LIVES.living}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<div id="first-screen" tabindex="0"><div class="page live-page">');
    expect(html).toContain(`data-entries="${entries().join(' ')}"`);
  });

  it('serves the staff console at /staff/ and its deep links, and its sign-in starts at WeCom', async () => {
    const consolePage = readFileSync(join(ROOT, 'dist/staff/index.html'), 'utf8');
    for (const path of ['/staff/', `/staff/lives/${SANDBOX_LIVES.endedReplayReady}/stats`]) {
      const res = await get(path);
      expect([res.status, res.headers.get('cache-control')]).toEqual([200, 'no-store']);
      expect(await res.text()).toBe(consolePage);
    }
    const me = await get('/api/staff/me');
    expect(me.status).toBe(401);
    const signIn = await get('/api/staff/session?returnTo=%2Fstaff%2F', { redirect: 'manual' });
    expect(signIn.status).toBe(302);
    expect(new URL(signIn.headers.get('location')!).pathname).toBe('/wwlogin/sso/login');
  });

  it('the short link for a replay redirects to the live page with replay=1', async () => {
    const res = await get(`/live/${SANDBOX_LIVES.endedReplayReady}?replay=1`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/pages/live/index?id=${SANDBOX_LIVES.endedReplayReady}&replay=1`);
  });

  it('GET /api/lives lists the sandbox’s showcase lives, in every status', async () => {
    const res = await get('/api/lives');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { lives } = (await res.json()) as { lives: LiveCard[] };
    expect(new Set(lives.map((live) => live.status))).toEqual(
      new Set(['reserved', 'living', 'ended', 'expired', 'cancelled']),
    );
    expect(lives.find((live) => live.livingId === SANDBOX_LIVES.living)?.status).toBe('living');
  });

  it('logged no errors and none of the sandbox’s secrets', () => {
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);
    for (const [, secret] of Object.entries(SANDBOX_CREDENTIALS).filter(([name]) => /secret/i.test(name))) {
      expect(rawLines.filter((line) => line.includes(secret))).toEqual([]);
    }
    expect(stderr).toBe('');
  });
});
