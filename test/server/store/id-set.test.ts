import { Redis } from 'ioredis';
import { createMemoryIdSet, type IdSet } from '../../../server/store/id-set';
import { createRedisIdSet } from '../../../server/store/id-set-redis';
import { StoreUnavailableError } from '../../../server/store/store-unavailable-error';
import { startTestRedis, type TestRedis } from '../../support/redis-server';

/** What every id set must do, whatever holds it. */
function describeIdSetContract(name: string, make: () => IdSet) {
  describe(`${name} id set`, () => {
    it('starts empty', async () => {
      const set = make();
      expect(await set.all()).toEqual([]);
      expect(await set.has('a')).toBe(false);
    });

    it('holds each id once, however often it is added', async () => {
      const set = make();
      await set.add('lvA');
      await set.add('lvB');
      await set.add('lvA');
      expect((await set.all()).sort()).toEqual(['lvA', 'lvB']);
      expect(await set.has('lvA')).toBe(true);
      expect(await set.has('lvC')).toBe(false);
    });

    it('keeps ids that differ only in case or by a dash apart', async () => {
      const set = make();
      await Promise.all(['lv-a', 'lv_a', 'LV-A'].map((id) => set.add(id)));
      expect((await set.all()).sort()).toEqual(['LV-A', 'lv-a', 'lv_a']);
    });
  });
}

describeIdSetContract('memory', createMemoryIdSet);

let redis: TestRedis;
const clients: Redis[] = [];
const connect = () => {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 0 });
  clients.push(client);
  return client;
};
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
  await redis.stop();
});

let namespace = 0;
describeIdSetContract('redis', () => createRedisIdSet({ redis: connect(), key: `idset${namespace++}:created` }));

describe('redis id set across instances', () => {
  it('shows an id one instance added to another at once', async () => {
    const a = createRedisIdSet({ redis: connect(), key: 'shared:created' });
    const b = createRedisIdSet({ redis: connect(), key: 'shared:created' });
    await a.add('lvFromA');
    expect(await b.has('lvFromA')).toBe(true);
    expect(await b.all()).toEqual(['lvFromA']);
  });

  it('says the store is unavailable when Redis is away, instead of answering empty', async () => {
    // Not among `clients`: it is gone before the suite ends.
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0 });
    const set = createRedisIdSet({ redis: client, key: 'away:created' });
    await set.add('lvKept');
    client.disconnect();
    await expect(set.all()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
