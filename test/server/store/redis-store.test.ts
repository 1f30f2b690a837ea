import { Redis } from 'ioredis';
import { createRedisStore } from '../../../server/store/redis-store';
import { startTestRedis, type TestRedis } from '../../support/redis-server';
import { describeStoreContract } from './store-contract';

let redis: TestRedis;
const clients: Redis[] = [];
const connect = () => {
  const client = new Redis(redis.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  clients.push(client);
  return client;
};

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
  await redis.stop();
});

let namespace = 0;
describeStoreContract('redis', (now) =>
  createRedisStore({ redis: connect(), keyPrefix: `contract${namespace++}:`, now }),
);

describe('redis store across instances', () => {
  const twoInstances = (prefix: string) => [
    createRedisStore({ redis: connect(), keyPrefix: prefix, pollMs: 5 }),
    createRedisStore({ redis: connect(), keyPrefix: prefix, pollMs: 5 }),
  ];

  it('runs one flight for concurrent callers on two instances, and every caller gets its result', async () => {
    const [a, b] = twoInstances('sf1:');
    let runs = 0;
    const work = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 100));
      return { token: 't1' };
    };
    const callers = [
      ...Array.from({ length: 50 }, () => a!.singleFlight('k', work)),
      ...Array.from({ length: 50 }, () => b!.singleFlight('k', work)),
    ];
    expect(await Promise.all(callers)).toEqual(Array(100).fill({ token: 't1' }));
    expect(runs).toBe(1);
  });

  it("hands the winner's error to the callers waiting on the other instance, without a second run", async () => {
    const [a, b] = twoInstances('sf2:');
    let runs = 0;
    const failing = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('upstream down');
    };
    const results = await Promise.allSettled([a!.singleFlight('k', failing), b!.singleFlight('k', failing)]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual([
      'upstream down',
      'upstream down',
    ]);
    expect(runs).toBe(1);
  });

  it('does not let a holder whose lock ran out release the lock another flight now holds', async () => {
    const client = connect();
    const slow = createRedisStore({ redis: client, keyPrefix: 'sf3:', lockTtlMs: 100, pollMs: 5 });
    const other = createRedisStore({ redis: connect(), keyPrefix: 'sf3:', lockTtlMs: 5_000, pollMs: 5 });
    const first = slow.singleFlight('k', () => new Promise((r) => setTimeout(() => r('slow'), 300)));
    await new Promise((r) => setTimeout(r, 150)); // the slow holder's lock has expired
    let release!: (v: string) => void;
    const second = other.singleFlight('k', () => new Promise<string>((r) => (release = r)));
    await first; // finishing late must not delete the second flight's lock
    expect(await client.get('sf3:flight:k')).not.toBeNull();
    release('second');
    await expect(second).resolves.toBe('second');
  });

  it('sees a value set by one instance from the other, and takes it only once between them', async () => {
    const [a, b] = twoInstances('shared:');
    await a!.set('state', { returnTo: '/x' }, 60_000);
    expect(await b!.get('state')).toEqual({ returnTo: '/x' });
    const taken = await Promise.all([a!.take('state'), b!.take('state')]);
    expect(taken.filter(Boolean)).toEqual([{ returnTo: '/x' }]);
  });

  it('keys every value under its prefix, so two deployments on one Redis never meet', async () => {
    const client = connect();
    const one = createRedisStore({ redis: client, keyPrefix: 'deployA:' });
    const two = createRedisStore({ redis: client, keyPrefix: 'deployB:' });
    await one.set('k', 1, 60_000);
    expect(await two.get('k')).toBeUndefined();
    expect(await client.exists('deployA:k')).toBe(1);
  });
});
