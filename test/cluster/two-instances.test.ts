/**
 * Two real BFF instances (separate processes of the built server, as `npm start` runs it), one real Redis, the
 * sandbox behind them: what one instance learns or spends, the other must see.
 */
import { SANDBOX_LIVES, createSandbox, type Sandbox } from '../../sandbox';
import { startTestRedis, type TestRedis } from '../support/redis-server';
import { startBff, type BffProcess } from './support/bff-process';

jest.setTimeout(60_000);

let redis: TestRedis;
let sandbox: Sandbox;
let sandboxUrl: string;
let a: BffProcess;
let b: BffProcess;
let run = 0;

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.stop();
});

beforeEach(async () => {
  sandbox = createSandbox();
  sandboxUrl = await sandbox.listen();
  const keyPrefix = `two-${run++}:`;
  [a, b] = await Promise.all([
    startBff({ sandboxUrl, redisUrl: redis.url, keyPrefix }),
    startBff({ sandboxUrl, redisUrl: redis.url, keyPrefix }),
  ]);
});
afterEach(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sandbox.close();
});

const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function login(base: string, code: string): Promise<string> {
  const res = await post(base, '/api/session/weapp', { code });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`))!;

/** An instance's log lines of one event, once at least one is out (its JSON log is written asynchronously). */
async function logLines(bff: BffProcess, event: string) {
  const lines = () => bff.logs().filter((l) => l.event === event);
  for (const deadline = Date.now() + 3000; lines().length === 0 && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 100)); // and a moment for a second one, which must not come
  return lines();
}

describe('two instances on one Redis', () => {
  it('turn 200 cold concurrent requests split across them into one gettoken and one get_living_info', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => fetch(`${(i % 2 ? a : b).url}/api/lives/${SANDBOX_LIVES.living}`)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(200).fill(200));
    expect(sandbox.callsTo('gettoken')).toHaveLength(1);
    expect(sandbox.callsTo('living/get_living_info')).toHaveLength(1);
  });

  it('reuse on B the living code A fetched for the same viewer', async () => {
    const token = await login(a.url, 'viewer-shared-login');
    const auth = { Authorization: `Bearer ${token}` };
    const onA = await post(a.url, `/api/lives/${SANDBOX_LIVES.living}/code`, {}, auth);
    const onB = await post(b.url, `/api/lives/${SANDBOX_LIVES.living}/code`, {}, auth);
    expect([onA.status, onB.status]).toEqual([200, 200]);
    const [codeA, codeB] = [(await onA.json()) as { livingCode: string }, (await onB.json()) as { livingCode: string }];
    expect(codeB.livingCode).toBe(codeA.livingCode);
    expect(sandbox.callsTo('living/get_living_code')).toHaveLength(1);
  });

  it('let an OAuth state started on A be finished on B, once only', async () => {
    const start = await fetch(`${a.url}/api/session/h5?returnTo=%2Flive%2Fx`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const browser = cookieOf(start, 'wlv_oauth');
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const back = new URL(authorize.headers.get('location')!);
    const callback = `${back.pathname}${back.search}`;

    const onB = await fetch(`${b.url}${callback}`, { redirect: 'manual', headers: { cookie: browser } });
    expect([onB.status, onB.headers.get('location')]).toEqual([302, '/live/x']);
    const replayOnA = await fetch(`${a.url}${callback}`, { redirect: 'manual', headers: { cookie: browser } });
    expect(replayOnA.status).toBe(400);
    expect(sandbox.callsTo('sns/oauth2/access_token')).toHaveLength(1);
  });

  it('see the token A refreshed after 42001: B uses it without asking gettoken again', async () => {
    await fetch(`${a.url}/api/lives/${SANDBOX_LIVES.living}`).then((r) => expect(r.status).toBe(200));
    expect(sandbox.callsTo('gettoken')).toHaveLength(1);
    sandbox.tokens.expireAll();
    await fetch(`${a.url}/api/lives/${SANDBOX_LIVES.reservedSoon}`).then((r) => expect(r.status).toBe(200));
    expect(sandbox.callsTo('living/get_living_info').map((c) => c.errcode)).toEqual([0, 42001, 0]);
    expect(sandbox.callsTo('gettoken')).toHaveLength(2);
    await fetch(`${b.url}/api/lives/${SANDBOX_LIVES.endedReplayReady}`).then((r) => expect(r.status).toBe(200));
    expect(sandbox.callsTo('gettoken')).toHaveLength(2);
    expect(sandbox.callsTo('living/get_living_info').at(-1)?.errcode).toBe(0);
  });

  it('keep cached cards answering when Redis dies, say so once, and recover when it returns', async () => {
    const card = `${a.url}/api/lives/${SANDBOX_LIVES.living}`;
    await fetch(card).then((r) => expect(r.status).toBe(200));
    await redis.kill();
    for (let i = 0; i < 20; i++) {
      const started = Date.now();
      const res = await fetch(card);
      expect([res.status, Date.now() - started < 1000]).toEqual([200, true]);
    }
    expect(await (await fetch(`${a.url}/readyz`)).json()).toEqual({ ready: true, degraded: ['store'] });
    const degradedLines = await logLines(a, 'store_degraded');
    expect(degradedLines).toHaveLength(1);

    await redis.restart();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const body = await (await fetch(`${a.url}/readyz`)).json();
      if (!('degraded' in body)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await (await fetch(`${a.url}/readyz`)).json()).toEqual({ ready: true });
    expect(await logLines(a, 'store_recovered')).toHaveLength(1);
    await fetch(card).then((r) => expect(r.status).toBe(200));
  });

  it('finish a request in flight when told to stop, then exit 0', async () => {
    sandbox.faults.latency('living/get_living_info', 1500);
    const inFlight = fetch(`${a.url}/api/lives/${SANDBOX_LIVES.cancelled}`);
    await new Promise((r) => setTimeout(r, 300));
    const exited = a.stop();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect((await res.json()).livingId).toBe(SANDBOX_LIVES.cancelled);
    expect(await exited).toBe(0);
  });
});
