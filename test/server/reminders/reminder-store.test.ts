import { Redis } from 'ioredis';
import type { ReminderStore } from '../../../server/reminders/reminder-store';
import { createMemoryReminderStore } from '../../../server/reminders/reminder-store-memory';
import { createRedisReminderStore } from '../../../server/reminders/reminder-store-redis';
import { startTestRedis, type TestRedis } from '../../support/redis-server';

const T = 'tpl';
const alice = { app: 'mini' as const, openid: 'o-alice', templateId: T };
const bob = { app: 'mp' as const, openid: 'o-bob', templateId: T };

/** What every reminder store must do, in memory and on Redis alike. */
function describeReminderStoreContract(name: string, make: () => ReminderStore) {
  describe(`${name} reminder store`, () => {
    it('records a subscriber once per live, app and openid, up to the cap', async () => {
      const store = make();
      expect(await store.subscribe('L', alice, 1000, 2)).toBe('added');
      expect(await store.subscribe('L', alice, 1000, 2)).toBe('exists');
      expect(await store.subscribe('L', { ...alice, app: 'mp' }, 1000, 2)).toBe('added');
      expect(await store.subscribe('L', bob, 1000, 2)).toBe('full');
      expect(await store.subscribe('M', bob, 1000, 2)).toBe('added');
      expect(await store.counts('L')).toEqual({
        subscribers: 2,
        pending: 2,
        sent: 0,
        failed: {},
        started: false,
        startedAt: undefined,
        startMs: 1000,
      });
      expect(await store.status('L', 'mini', 'o-alice')).toBe('pending');
      expect(await store.status('L', 'mp', 'o-bob')).toBeUndefined();
    });

    it('lets one worker claim a reminder, counts its outcome once, and lets a failed try be claimed again', async () => {
      const store = make();
      await store.subscribe('L', alice, 1000, 10);
      await store.subscribe('L', bob, 1000, 10);
      expect(await store.claim('L', 'mini', 'o-alice')).toBe('go');
      expect(await store.claim('L', 'mini', 'o-alice')).toBe('resume');
      await store.release('L', 'mini', 'o-alice');
      expect(await store.claim('L', 'mini', 'o-alice')).toBe('go');
      await store.finish('L', 'mini', 'o-alice', { sent: true });
      await store.finish('L', 'mini', 'o-alice', { sent: true });
      await store.finish('L', 'mini', 'o-alice', { failed: '43101' });
      expect(await store.claim('L', 'mini', 'o-alice')).toBe('done');
      expect(await store.claim('L', 'mini', 'o-nobody')).toBe('done');
      await store.finish('L', 'mp', 'o-bob', { failed: '43101' });
      expect(await store.counts('L')).toMatchObject({ subscribers: 2, pending: 0, sent: 1, failed: { '43101': 1 } });
      expect(await store.status('L', 'mini', 'o-alice')).toBe('sent');
    });

    it('pages the unsent, schedules lives by start, follows a move and forgets a live dropped', async () => {
      const store = make();
      for (let i = 0; i < 2500; i++) await store.subscribe('L', { ...alice, openid: `o-${i}` }, 5000, 10_000);
      await store.subscribe('M', bob, 9000, 10);
      await store.finish('L', 'mini', 'o-7', { sent: true });
      const seen = new Set<string>();
      let cursor = '0';
      do {
        const page = await store.unsent('L', cursor);
        page.subscribers.forEach((s) => seen.add(s.openid));
        cursor = page.cursor;
      } while (cursor !== '0');
      expect(seen.size).toBe(2499);
      expect(seen.has('o-7')).toBe(false);
      expect(await store.due(6000)).toEqual([{ livingId: 'L', startMs: 5000 }]);
      await store.move('L', 7000);
      expect(await store.due(6000)).toEqual([]);
      expect((await store.due(10_000)).map((d) => d.livingId).sort()).toEqual(['L', 'M']);
      expect(await store.markStarted('M', 1234)).toBe(true);
      expect(await store.markStarted('M', 5678)).toBe(false);
      expect(await store.counts('M')).toMatchObject({ started: true, startedAt: 1234 });
      await store.drop('L');
      expect(await store.counts('L')).toMatchObject({ subscribers: 0, pending: 0 });
      expect(await store.due(10_000)).toEqual([{ livingId: 'M', startMs: 9000 }]);
      await store.move('nothing', 1);
      expect(await store.due(10_000)).toHaveLength(1);
    });
  });
}

describeReminderStoreContract('memory', createMemoryReminderStore);

let redis: TestRedis;
const clients: Redis[] = [];
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
  await redis.stop();
});
let n = 0;
describeReminderStoreContract('Redis', () => {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 0 });
  clients.push(client);
  return createRedisReminderStore({ redis: client, keyPrefix: `t${n++}:` });
});
