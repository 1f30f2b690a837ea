import { Redis } from 'ioredis';
import { SANDBOX_LIVES } from '../../../sandbox';
import { createRedisStore } from '../../../server/store/redis-store';
import { startTestRedis, type TestRedis } from '../../support/redis-server';
import { startHarness, type Harness } from '../harness';
import { staffSessionCookie } from '../sign-in/staff-session';

const STAFF = { agentId: '1000002', userIds: ['zhaomin'], managers: [] as string[], loginBase: '' };
const LIVE = SANDBOX_LIVES.endedReplayReady;

/** Two BFF instances with the same secret on one real Redis: what one shared, the other resolves and serves. */
describe('share kit across instances', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  let a: Harness;
  let b: Harness;

  const instance = () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    clients.push(client);
    // One Redis for both, staff sessions included: a member signed in on one is signed in on the other.
    const store = createRedisStore({ redis: client, keyPrefix: 'share-kit:', pollMs: 5 });
    return startHarness({ config: { staff: STAFF }, stores: { store, staffStore: store } });
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    [a, b] = await Promise.all([instance(), instance()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
    await redis.stop();
  });

  it('gives the same alias on both, resolves it on the other, and draws the code once for both', async () => {
    const cookie = await staffSessionCookie(a);
    const kitA = await a.http.get(`/api/staff/lives/${LIVE}/share?from=poster-b`).set('Cookie', cookie).expect(200);
    const kitB = await b.http.get(`/api/staff/lives/${LIVE}/share?from=poster-b`).set('Cookie', cookie).expect(200);
    expect(kitA.body.scene).toMatch(/^![0-9A-Za-z]{10}$/);
    expect(kitB.body.scene).toBe(kitA.body.scene);

    await a.http.get(`/api/staff/lives/${LIVE}/mini-program-code.png?from=poster-b`).set('Cookie', cookie).expect(200);
    await b.http.get(`/api/staff/lives/${LIVE}/poster.png?from=poster-b`).set('Cookie', cookie).expect(200);
    expect(a.sandbox.callsTo('wxa/getwxacodeunlimit')).toHaveLength(1);
    expect(b.sandbox.callsTo('wxa/getwxacodeunlimit')).toHaveLength(0);

    // A replay's alias made on one instance only, opened on the other (the mini program asks whichever it reaches).
    await a.http.get(`/api/staff/lives/${LIVE}/mini-program-code.png?replay=1`).set('Cookie', cookie).expect(200);
    const scene = (a.sandbox.callsTo('wxa/getwxacodeunlimit')[1]!.body as { scene: string }).scene;
    const resolved = await b.http.get(`/api/scenes/${encodeURIComponent(scene)}`).expect(200);
    expect(resolved.body).toEqual({ livingId: LIVE, replay: true });
  });
});
