import { SANDBOX_LIVES, createSandbox, pointAtSandbox, type Sandbox } from '../../../sandbox';
import { loadConfig, type Config } from '../../../server/config/config';
import { startInProcessInstance } from '../../support/in-process-instance';
import { startTestRedis, type TestRedis } from '../../support/redis-server';
import { staffSessionCookie } from '../sign-in/staff-session';

const LIVE = SANDBOX_LIVES.living;

let redis: TestRedis;
let sandbox: Sandbox;
let instance: { url: string; close(): Promise<void> };

beforeAll(async () => {
  redis = await startTestRedis();
  sandbox = createSandbox();
  const base = await sandbox.listen();
  const config: Config = {
    ...pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' }), base, sandbox.credentials),
    redis: { url: redis.url, keyPrefix: 'funnel-down:', commandTimeoutMs: 300 },
  };
  config.staff = { ...config.staff, userIds: ['zhaomin'], loginBase: base };
  instance = await startInProcessInstance({ config, now: Date.now });
});
afterAll(async () => {
  await instance.close();
  await sandbox.close();
  await redis.stop();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${instance.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
it('keeps viewers unhindered while Redis is down: beacons 204 and codes 200 at once, staff told to come back', async () => {
  let staff = await staffSessionCookie({ url: instance.url, sandbox });
  const token = ((await (await post('/api/session/weapp', { code: 'funnel-down-viewer' })).json()) as { token: string })
    .token;
  const auth = { Authorization: `Bearer ${token}` };
  await redis.kill();

  const started = Date.now();
  const view = await post(`/api/lives/${LIVE}/views`, { from: 'poster' });
  const code = await post(`/api/lives/${LIVE}/code`, { from: 'poster' }, auth);
  const open = await post(`/api/lives/${LIVE}/opens`, { from: 'poster' }, auth);
  expect([view.status, code.status, open.status]).toEqual([204, 200, 204]);
  expect(Date.now() - started).toBeLessThan(2000);

  const read = await fetch(`${instance.url}/api/staff/lives/${LIVE}/funnel`, { headers: { cookie: staff } });
  expect(read.status).toBe(503);
  expect(((await read.json()) as { error: { code: string } }).error.code).toBe('UPSTREAM_UNAVAILABLE');
  expect(read.headers.get('retry-after')).toBe('5');

  // Redis back (empty, as after a crash): counting resumes. Staff sessions lived there too: sign in again.
  await redis.restart();
  let funnel: unknown;
  const { visitor } = (await (await post('/api/visitors', {})).json()) as { visitor: string };
  for (const deadline = Date.now() + 8000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    await post(`/api/lives/${LIVE}/views`, { visitor });
    const res = await fetch(`${instance.url}/api/staff/lives/${LIVE}/funnel`, { headers: { cookie: staff } });
    if (res.status === 401) staff = await staffSessionCookie({ url: instance.url, sandbox }).catch(() => staff);
    if (res.status !== 200) continue;
    funnel = await res.json();
    if ((funnel as { total: { views: number } }).total.views === 1) break;
  }
  expect(funnel).toMatchObject({ total: { views: 1, taps: 0, opens: 0 }, byTag: [{ from: '', views: 1 }] });
});
