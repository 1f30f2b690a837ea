import { Redis } from 'ioredis';
import { createMemoryCallBudget } from '../../../server/budget/memory-call-budget';
import { createRedisCallBudget } from '../../../server/budget/redis-call-budget';
import { startTestRedis, type TestRedis } from '../../support/redis-server';
import { describeBudgetContract } from './budget-contract';

let server: TestRedis;
let redis: Redis;
beforeAll(async () => {
  server = await startTestRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  await redis.quit();
  await server.stop();
});

describeBudgetContract('memory', (limits, now) => createMemoryCallBudget({ limits: () => limits, now }));

let namespace = 0;
describeBudgetContract('redis', (limits, now) =>
  createRedisCallBudget({ redis, keyPrefix: `budget-test-${namespace++}:`, limits: () => limits, now }),
);

describe('redis call budget across instances', () => {
  it('is one budget and one line for every instance', async () => {
    const t = 50_000_000;
    const limits = () => ({ perMinute: 3, perHour: 100 });
    const a = createRedisCallBudget({ redis, keyPrefix: 'shared-budget:', limits, now: () => t });
    const other = new Redis(server.url);
    const b = createRedisCallBudget({
      redis: other,
      keyPrefix: 'shared-budget:',
      limits,
      now: () => t,
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).admit('living/get_living_code', `viewer${i}`)),
    );
    expect(answers.filter((x) => x.admitted)).toHaveLength(3);
    const positions = answers.flatMap((x) => (x.admitted ? [] : [x.position]));
    expect(positions.sort((x, y) => x! - y!)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await other.quit();
  });
});
