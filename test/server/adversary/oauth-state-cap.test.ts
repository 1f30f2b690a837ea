/**
 * Adversary item 12 (OAuth states): the README promises at most 50,000 pending sign-ins, so a flood of sign-in starts
 * cannot grow without bound; in memory an LRU kept that promise, on Redis nothing did. Here a sign-in is started over
 * HTTP on one instance, then 50,500 more states are written through a second instance's shared state (the same code
 * `GET /api/session/h5` runs, without 50,500 requests): Redis holds at most 50,000, the oldest (the first sign-in)
 * went first and the newest are there.
 */
import { Redis } from 'ioredis';
import { createSandbox, type Sandbox } from '../../../sandbox';
import { pointAtSandbox } from '../../../sandbox/point-at-sandbox';
import { loadConfig, type Config } from '../../../server/config/config';
import { createLogger } from '../../../server/logging/logger';
import { createSharedState, type SharedState } from '../../../server/shared-state';
import { createOAuthStates } from '../../../server/sign-in/oauth-state';
import { startInProcessInstance } from '../../support/in-process-instance';
import { startTestRedis, type TestRedis } from '../../support/redis-server';

const KEY_PREFIX = 'state-cap:';
const CAP = 50_000;
const FLOOD = 50_500;

let redis: TestRedis;
let sandbox: Sandbox;
let instance: Awaited<ReturnType<typeof startInProcessInstance>>;
let other: SharedState;
let client: Redis;
beforeAll(async () => {
  redis = await startTestRedis();
  sandbox = createSandbox({ oauthDomains: ['live.test'] });
  const base = await sandbox.listen();
  const config: Config = {
    ...pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' }), base, sandbox.credentials),
    publicOrigin: 'http://live.test',
    redis: { url: redis.url, keyPrefix: KEY_PREFIX, commandTimeoutMs: 2000 },
  };
  instance = await startInProcessInstance({ config, now: Date.now });
  other = await createSharedState({ config, logger: createLogger({ level: 'silent' }) });
  client = new Redis(redis.url);
});
afterAll(async () => {
  client?.disconnect();
  await other?.close();
  await instance?.close();
  await sandbox?.close();
  await redis?.stop();
});

async function countStates(): Promise<number> {
  let count = 0;
  for await (const keys of client.scanStream({ match: `${KEY_PREFIX}oauth-state:*`, count: 5000 }))
    count += (keys as string[]).length;
  return count;
}

it('keeps at most 50,000 pending sign-ins on Redis, evicting the oldest', async () => {
  const start = await fetch(`${instance.url}/api/session/h5?returnTo=%2F`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const first = new URL(start.headers.get('location')!).searchParams.get('state')!;
  expect(await client.exists(`${KEY_PREFIX}oauth-state:${first}`)).toBe(1);

  const states = createOAuthStates({ store: other.signInStore });
  let newest = '';
  for (let i = 0; i < FLOOD; i += 500) {
    const batch = await Promise.all(
      Array.from({ length: 500 }, () => states.create({ returnTo: '/', browser: 'b'.repeat(32) })),
    );
    newest = batch.at(-1)!;
  }

  expect(await countStates()).toBeLessThanOrEqual(CAP);
  expect(await client.exists(`${KEY_PREFIX}oauth-state:${first}`)).toBe(0);
  expect(await states.take(newest)).toEqual({ returnTo: '/', browser: 'b'.repeat(32) });
}, 180_000);
