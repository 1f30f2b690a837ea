import { Redis } from 'ioredis';
import { SANDBOX_LIVES, createSandbox, pointAtSandbox, type Sandbox } from '../../../sandbox';
import { loadConfig, type Config } from '../../../server/config/config';
import { startInProcessInstance } from '../../support/in-process-instance';
import { startTestRedis, type TestRedis } from '../../support/redis-server';
import { staffSessionCookie } from '../sign-in/staff-session';

const LIVE = SANDBOX_LIVES.living;

let redis: TestRedis;
let sandbox: Sandbox;
const instances: Array<{ url: string; close(): Promise<void> }> = [];
let publicOrigin: string;

beforeAll(async () => {
  redis = await startTestRedis();
  sandbox = createSandbox();
  const base = await sandbox.listen();
  const config: Config = {
    ...pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' }), base, sandbox.credentials),
    redis: { url: redis.url, keyPrefix: 'funnel-two:', commandTimeoutMs: 1000 },
  };
  config.staff = { ...config.staff, userIds: ['zhaomin'], loginBase: base };
  publicOrigin = config.publicOrigin;
  instances.push(
    await startInProcessInstance({ config, now: Date.now }),
    await startInProcessInstance({ config, now: Date.now }),
  );
});
afterAll(async () => {
  await Promise.all(instances.map((i) => i.close()));
  await sandbox.close();
  await redis.stop();
});

const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

async function viewerToken(base: string, code: string) {
  const res = await post(base, '/api/session/weapp', { code });
  return ((await res.json()) as { token: string }).token;
}

it('counts one funnel on two instances sharing a Redis, and both read the same exact numbers', async () => {
  const [a, b] = instances.map((i) => i.url) as [string, string];

  // One browser seen by both instances (its cookie from A), another tagged on B, the mini program on both.
  const first = await post(a, `/api/lives/${LIVE}/views`, { from: 'poster' });
  expect(first.status).toBe(204);
  const visitor = cookieOf(first, 'wlv_visitor')!;
  expect(
    (await post(b, `/api/lives/${LIVE}/views`, { from: 'poster' }, { cookie: visitor, origin: publicOrigin })).status,
  ).toBe(204);
  expect((await post(b, `/api/lives/${LIVE}/views`, { from: 'wx-article' })).status).toBe(204);
  const issued = await post(b, '/api/visitors', {});
  expect(issued.status).toBe(201);
  const { visitor: install } = (await issued.json()) as { visitor: string };
  for (const base of [a, b]) {
    const res = await post(base, `/api/lives/${LIVE}/views`, { visitor: install });
    expect(res.status).toBe(204);
  }

  // One viewer's tap on A and again on B (the same code, shared): one tap. Its open on B, replayed on A: one open.
  const auth = { Authorization: `Bearer ${await viewerToken(a, 'funnel-two-viewer')}` };
  const codes = [
    await post(a, `/api/lives/${LIVE}/code`, { from: 'poster' }, auth),
    await post(b, `/api/lives/${LIVE}/code`, { from: 'poster' }, auth),
  ];
  expect(codes.map((r) => r.status)).toEqual([200, 200]);
  expect((await post(b, `/api/lives/${LIVE}/opens`, { from: 'poster' }, auth)).status).toBe(204);
  expect((await post(a, `/api/lives/${LIVE}/opens`, { from: 'poster' }, auth)).status).toBe(204);

  // Rows: most viewed first, then most tapped, then by tag.
  const expected = {
    total: { views: 3, taps: 1, opens: 1 },
    byTag: [
      { from: 'poster', views: 1, taps: 1, opens: 1 },
      { from: '', views: 1, taps: 0, opens: 0 },
      { from: 'wx-article', views: 1, taps: 0, opens: 0 },
    ],
  };
  const read = async (base: string) => {
    const res = await fetch(`${base}/api/staff/lives/${LIVE}/funnel`, {
      headers: { cookie: await staffSessionCookie({ url: base, sandbox }) },
    });
    expect(res.status).toBe(200);
    return res.json();
  };
  // Counting does not wait for Redis: give the last events a moment to land.
  let answers: unknown[] = [];
  for (const deadline = Date.now() + 2000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    answers = await Promise.all([read(a), read(b)]);
    if (JSON.stringify(answers[0]) === JSON.stringify(expected)) break;
  }
  expect(answers).toEqual([expected, expected]);

  // Redis holds pseudonyms only: no openid, visitor cookie or install id in any funnel key or value.
  const client = new Redis(redis.url);
  try {
    const secrets = [
      sandbox.wechat.openidForCode('funnel-two-viewer'),
      visitor.split('=')[1]!,
      'install-abcdefghijklmnop',
    ];
    const keys = await client.keys('funnel-two:funnel:*');
    expect(keys.length).toBeGreaterThan(5);
    const dump = (
      await Promise.all(keys.map(async (k) => `${k} ${(await client.dumpBuffer(k))?.toString('latin1')}`))
    ).join('\n');
    for (const secret of secrets) expect(dump).not.toContain(secret);
    for (const key of keys) expect(await client.pttl(key)).toBeGreaterThan(0);
  } finally {
    client.disconnect();
  }
});
