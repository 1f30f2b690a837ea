import { Redis, type RedisOptions } from 'ioredis';
import { createMemoryAudienceCounters } from '../../../server/store/audience-counters-memory';
import { createRedisAudienceCounters } from '../../../server/store/audience-counters-redis';
import { createLogger } from '../../../server/logging/logger';
import { logCapture } from '../harness';
import { startTestRedis, type TestRedis } from '../../support/redis-server';
import { describeAudienceCountersContract } from './audience-counters-contract';

let redis: TestRedis;
const clients: Redis[] = [];
const connect = (options: RedisOptions = {}) => {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1, ...options });
  clients.push(client);
  return client;
};
const silent = createLogger({ level: 'silent' });

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  await redis.stop();
});

describeAudienceCountersContract('memory', (now) => createMemoryAudienceCounters({ now }));

let namespace = 0;
describeAudienceCountersContract('redis', (now) =>
  createRedisAudienceCounters({ redis: connect(), keyPrefix: `audience${namespace++}:`, logger: silent, now }),
);

describe('redis audience counters', () => {
  it('keys everything under the prefix, each key with a TTL, in one round trip per event', async () => {
    const client = connect();
    const counters = createRedisAudienceCounters({
      redis: client,
      keyPrefix: 'ttl:',
      logger: silent,
      ttlMs: 3_600_000,
    });
    const sent = jest.spyOn(client, 'pipeline');
    await counters.record({
      unique: [{ key: 'v', member: 'm' }],
      counts: ['c'],
      labels: [{ key: 'l', label: 'x' }],
      once: { key: 'g', ttlMs: 60_000 },
    });
    expect(sent).toHaveBeenCalledTimes(1);
    const keys = (await client.keys('ttl:*')).sort();
    expect(keys).toEqual(['ttl:c', 'ttl:g', 'ttl:l', 'ttl:v']);
    for (const key of keys) expect(await client.pttl(key)).toBeGreaterThan(0);
    expect(await client.pttl('ttl:v')).toBeGreaterThan(3_500_000);
  });

  it('neither rejects nor waits while Redis is away, and warns once a minute at most', async () => {
    const logs = logCapture();
    const logger = createLogger({ level: 'info', destination: logs.stream });
    // As shared-state.ts connects: no offline queue, a command timeout.
    const client = connect({
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 300,
      lazyConnect: true,
    });
    let t = 0;
    const counters = createRedisAudienceCounters({ redis: client, logger, now: () => t });
    const started = Date.now();
    for (let i = 0; i < 50; i++) await counters.record({ counts: ['c'], unique: [{ key: 'v', member: 'm' }] });
    t += 61_000;
    await counters.record({ counts: ['c'] });
    expect(Date.now() - started).toBeLessThan(500);
    const warnings = logs.parsed().filter((l) => l.event === 'audience_count_failed');
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatchObject({ dropped: 50 });
  });
});
