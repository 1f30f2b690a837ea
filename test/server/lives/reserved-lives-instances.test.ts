/**
 * Two BFF instances on one real Redis (in this process, over loopback HTTP): a live a manager creates through A is
 * on B's home list and B's staff list at once, marked as this app's.
 */
import { createSandbox, type Sandbox } from '../../../sandbox';
import { pointAtSandbox } from '../../../sandbox/point-at-sandbox';
import { loadConfig, type Config } from '../../../server/config/config';
import { startInProcessInstance } from '../../support/in-process-instance';
import { startTestRedis, type TestRedis } from '../../support/redis-server';
import { staffSessionCookie } from '../sign-in/staff-session';

const ORIGIN = 'http://live.test';

let redis: TestRedis;
let sandbox: Sandbox;
let a: Awaited<ReturnType<typeof startInProcessInstance>>;
let b: Awaited<ReturnType<typeof startInProcessInstance>>;
beforeAll(async () => {
  redis = await startTestRedis();
  sandbox = createSandbox({ wecomDomains: ['live.test'] });
  const base = await sandbox.listen();
  const config: Config = {
    ...pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' }), base, sandbox.credentials),
    publicOrigin: ORIGIN,
    liveIds: [],
    liveAnchors: [],
    redis: { url: redis.url, keyPrefix: 'reserved:', commandTimeoutMs: 300 },
    staff: { agentId: sandbox.credentials.agentId, userIds: ['lifang'], managers: ['lifang'], loginBase: base },
  };
  [a, b] = await Promise.all([
    startInProcessInstance({ config, now: Date.now }),
    startInProcessInstance({ config, now: Date.now }),
  ]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await sandbox?.close();
  await redis?.stop();
});

it('lists a live created through one instance on the other at once', async () => {
  const cookie = await staffSessionCookie({ url: a.url, sandbox }, 'lifang');
  const startsAt = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / 60_000) * 60_000).toISOString();
  const created = await fetch(`${a.url}/api/staff/lives`, {
    method: 'POST',
    headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({
      anchorUserId: 'zhaomin',
      theme: '双实例直播',
      startsAt,
      durationSeconds: 1800,
      type: 'general',
    }),
  });
  expect(created.status).toBe(201);
  const { livingId } = (await created.json()) as { livingId: string };

  const home = (await (await fetch(`${b.url}/api/lives`)).json()) as { lives: Array<{ livingId: string }> };
  expect(home.lives.map((l) => l.livingId)).toEqual([livingId]);
  const staff = (await (await fetch(`${b.url}/api/staff/lives`, { headers: { cookie } })).json()) as {
    lives: Array<{ livingId: string; createdByApp: boolean; theme: string }>;
  };
  expect(staff.lives).toEqual([expect.objectContaining({ livingId, createdByApp: true, theme: '双实例直播' })]);
});
