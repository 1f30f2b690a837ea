import { Redis } from 'ioredis';
import type { CallBudget } from '../../../server/budget/call-budget';
import { createMemoryCallBudget } from '../../../server/budget/memory-call-budget';
import { createRedisCallBudget } from '../../../server/budget/redis-call-budget';
import { startTestRedis, type TestRedis } from '../../support/redis-server';

/**
 * The call budget at its edges, for both implementations: a call leaves its window exactly 60 s (or an hour) after
 * it was admitted, a place is given up exactly when its hold ends, a hold lasts at least 10 s, and a line longer
 * than the window's calls is told whole windows to wait.
 */
const API = 'living/get_living_code';

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

let namespace = 0;
const implementations: Array<
  [string, (limits: { perMinute: number; perHour: number }, now: () => number) => CallBudget]
> = [
  ['memory', (limits, now) => createMemoryCallBudget({ limits: () => limits, now })],
  [
    'redis',
    (limits, now) => createRedisCallBudget({ redis, keyPrefix: `edges-${namespace++}:`, limits: () => limits, now }),
  ],
];

describe.each(implementations)('%s call budget at its edges', (_name, make) => {
  let t: number;
  const now = () => t;
  beforeEach(() => {
    t = 20_000_000;
  });

  it('frees a call exactly 60 s after it was admitted, not a millisecond before', async () => {
    const budget = make({ perMinute: 1, perHour: 100 }, now);
    expect(await budget.admit(API)).toEqual({ admitted: true });
    t += 59_999;
    expect(await budget.admit(API)).toEqual({ admitted: false, etaMs: 1 });
    t += 1;
    expect(await budget.admit(API)).toEqual({ admitted: true });
  });

  it('frees a call exactly an hour after it was admitted', async () => {
    const budget = make({ perMinute: 100, perHour: 1 }, now);
    expect(await budget.admit(API)).toEqual({ admitted: true });
    t += 3_599_999;
    expect(await budget.admit(API)).toEqual({ admitted: false, etaMs: 1 });
    t += 1;
    expect(await budget.admit(API)).toEqual({ admitted: true });
  });

  it('gives a place up exactly when its hold ends (twice the wait it was told)', async () => {
    const budget = make({ perMinute: 1, perHour: 100 }, now);
    await budget.admit(API, 'first');
    expect(await budget.admit(API, 'second')).toEqual({ admitted: false, position: 1, etaMs: 60_000 });
    t += 119_999;
    expect(await budget.holdsPlace(API, 'second')).toBe(true);
    t += 1;
    expect(await budget.holdsPlace(API, 'second')).toBe(false);
  });

  it('moves the line up at the very millisecond a hold ends', async () => {
    const budget = make({ perMinute: 1, perHour: 100 }, now);
    await budget.admit(API, 'first');
    expect(await budget.admit(API, 'slow')).toEqual({ admitted: false, position: 1, etaMs: 60_000 });
    expect(await budget.admit(API, 'next')).toEqual({ admitted: false, position: 2, etaMs: 120_000 });
    t += 120_000; // slow's hold ends now; the window is empty, so the one free call is next's
    expect(await budget.admit(API, 'next')).toEqual({ admitted: true });
  });

  it('holds a place at least 10 s, however short the wait', async () => {
    const budget = make({ perMinute: 1, perHour: 100 }, now);
    await budget.admit(API, 'first');
    t += 58_000; // the first call leaves the window in 2 s
    expect(await budget.admit(API, 'soon')).toEqual({ admitted: false, position: 1, etaMs: 2_000 });
    t += 9_999; // twice the wait is long past, 10 s is not
    expect(await budget.holdsPlace(API, 'soon')).toBe(true);
    t += 1;
    expect(await budget.holdsPlace(API, 'soon')).toBe(false);
  });

  it('tells a place beyond an empty window a whole window to wait', async () => {
    const budget = make({ perMinute: 1, perHour: 100 }, now);
    expect(await budget.admit(API, 'a')).toEqual({ admitted: true });
    expect(await budget.admit(API, 'b')).toMatchObject({ admitted: false, position: 1 });
    expect(await budget.admit(API, 'c')).toEqual({ admitted: false, position: 2, etaMs: 120_000 });
    t += 60_000; // a's call has left the window: the window is empty, b is next, c second
    expect(await budget.admit(API, 'c')).toEqual({ admitted: false, position: 2, etaMs: 60_000 });
    expect(await budget.admit(API, 'b')).toEqual({ admitted: true });
  });

  it('when one place is given up, keeps the others in their order and their holds', async () => {
    const budget = make({ perMinute: 1, perHour: 100 }, now);
    expect(await budget.admit(API, 'first')).toEqual({ admitted: true });
    expect(await budget.admit(API, 'slow')).toEqual({ admitted: false, position: 1, etaMs: 60_000 });
    expect(await budget.admit(API, 'next')).toEqual({ admitted: false, position: 2, etaMs: 120_000 });
    expect(await budget.admit(API, 'third')).toEqual({ admitted: false, position: 3, etaMs: 180_000 });
    t += 120_001; // slow's hold is over; next's and third's are not. The window is empty: one call is free.
    expect(await budget.holdsPlace(API, 'slow')).toBe(false);
    expect(await budget.holdsPlace(API, 'next')).toBe(true);
    // third comes back before next: still behind it.
    expect(await budget.admit(API, 'third')).toMatchObject({ admitted: false, position: 2 });
    expect(await budget.admit(API, 'next')).toEqual({ admitted: true });
  });

  it('holds no place for a caller once admitted, one who never queued, or one queued for another API', async () => {
    const budget = make({ perMinute: 2, perHour: 100 }, now);
    expect(await budget.admit(API)).toEqual({ admitted: true });
    expect(await budget.admit(API, 'queued')).toEqual({ admitted: true });
    expect(await budget.holdsPlace(API, 'queued')).toBe(false);
    expect(await budget.holdsPlace(API, 'never-asked')).toBe(false);
    expect(await budget.admit(API, 'waiting')).toMatchObject({ admitted: false, position: 1 });
    expect(await budget.holdsPlace(API, 'waiting')).toBe(true);
    expect(await budget.holdsPlace('living/get_living_info', 'waiting')).toBe(false);
  });
});
