import { Redis } from 'ioredis';
import type { Context } from 'koa';
import { AppError } from '../../../server/errors/app-error';
import { createClientLimits, type ClientLimitsOptions } from '../../../server/limits/client-limits';
import type { Session } from '../../../server/sign-in/viewer-session-tokens';
import { startTestRedis, type TestRedis } from '../../support/redis-server';

/**
 * The per-client limits through their own API (the routes that spend them are in bad-input, funnel and adversary
 * tests): each allowance per minute, per address or per viewer, each counted apart from the others, shared through
 * Redis, and still counted in memory while Redis is away.
 */
const LIMITS = { loginsPerIpPerMinute: 3, codesPerSessionPerMinute: 2, codesPerIpPerMinute: 5, socketsPerIp: 10 };

const from = (ip: string) => ({ ip }) as Context;
const viewer = (openid: string, appId = 'wxapp'): Session => ({ openid, appId, via: 'weapp' });

/** Resolves to 'ok', or to the 429's retryAfter; anything else thrown fails the test. */
async function outcome(spend: Promise<void>): Promise<'ok' | number> {
  try {
    await spend;
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const refusal = err as AppError;
    expect([refusal.code, refusal.status, refusal.message]).toEqual([
      'TOO_MANY_REQUESTS',
      429,
      'Too many requests; please wait a moment',
    ]);
    return refusal.retryAfter!;
  }
}

async function times(n: number, spend: () => Promise<void>): Promise<Array<'ok' | number>> {
  const results: Array<'ok' | number> = [];
  for (let i = 0; i < n; i++) results.push(await outcome(spend()));
  return results;
}

describe('client limits (one process)', () => {
  const create = (options: Partial<ClientLimitsOptions> = {}) => createClientLimits({ limits: LIMITS, ...options });

  it('lets an address sign in loginsPerIpPerMinute times a minute, then 429 with the rest of the minute', async () => {
    const limits = create();
    const results = await times(4, () => limits.login(from('10.0.0.1')));
    expect(results.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
    expect(results[3]).toBeGreaterThanOrEqual(59);
    expect(results[3]).toBeLessThanOrEqual(60);
    expect(await outcome(limits.login(from('10.0.0.2')))).toBe('ok');
  });

  it('limits codes per viewer (any address) and per address (any viewer)', async () => {
    const limits = create();
    const ann = viewer('ann');
    expect(await times(2, () => limits.code(from('10.0.0.1'), ann))).toEqual(['ok', 'ok']);
    expect(await outcome(limits.code(from('10.0.0.9'), ann))).toEqual(expect.any(Number)); // her own allowance
    // Another app's viewer with the same openid, and another viewer, are not her.
    expect(await outcome(limits.code(from('10.0.0.9'), viewer('ann', 'wxother')))).toBe('ok');
    expect(await outcome(limits.code(from('10.0.0.9'), viewer('bob')))).toBe('ok');
    // 10.0.0.1 has spent 2 of its 5: three more viewers, then none (a refusal per session spends no address).
    expect(await times(3, () => limits.code(from('10.0.0.1'), viewer(`v${Math.random()}`)))).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
    expect(await outcome(limits.code(from('10.0.0.1'), viewer('carol')))).toEqual(expect.any(Number));
    expect(await outcome(limits.code(from('10.0.0.1'), undefined))).toEqual(expect.any(Number));
  });

  it('limits codes without a viewer per address alone', async () => {
    const limits = create();
    const results = await times(6, () => limits.code(from('10.0.0.3'), undefined));
    expect(results.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(results[5]).toEqual(expect.any(Number));
  });

  it('never refuses, nor counts, a viewer waiting in the line for a code', async () => {
    const waiting = new Set(['ann']);
    const asked: string[] = [];
    const limits = create({
      waitsInLine: async (v) => {
        asked.push(v.openid);
        return waiting.has(v.openid);
      },
    });
    expect(await times(10, () => limits.code(from('10.0.0.4'), viewer('ann')))).toEqual(Array(10).fill('ok'));
    expect(await times(2, () => limits.code(from('10.0.0.4'), viewer('bob')))).toEqual(['ok', 'ok']);
    expect(await outcome(limits.code(from('10.0.0.4'), viewer('bob')))).toEqual(expect.any(Number));
    expect(asked).toContain('ann');
    expect(await outcome(limits.code(from('10.0.0.4'), undefined))).toBe('ok'); // the address spent 2 of 5
  });

  it('counts beacons per address with the codes’ allowance, apart from the codes', async () => {
    const limits = create();
    expect(await times(5, () => limits.code(from('10.0.0.5'), undefined))).toEqual(Array(5).fill('ok'));
    const beacons = await times(6, () => limits.beacon(from('10.0.0.5')));
    expect(beacons.slice(0, 5)).toEqual(Array(5).fill('ok'));
    expect(beacons[5]).toEqual(expect.any(Number));
    expect(await outcome(limits.login(from('10.0.0.5')))).toBe('ok');
    expect(await outcome(limits.newVisitor(from('10.0.0.5')))).toBe('ok');
  });

  it('gives an address newVisitorsPerIpPerMinute new funnel visitors a minute, 60 by default', async () => {
    const three = create({ newVisitorsPerIpPerMinute: 3 });
    const results = await times(4, () => three.newVisitor(from('10.0.0.6')));
    expect(results.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
    expect(results[3]).toEqual(expect.any(Number));
    expect(await outcome(three.beacon(from('10.0.0.6')))).toBe('ok');

    const byDefault = create();
    const sixty = await times(61, () => byDefault.newVisitor(from('10.0.0.7')));
    expect(sixty.slice(0, 60)).toEqual(Array(60).fill('ok'));
    expect(sixty[60]).toEqual(expect.any(Number));
  });

  it('counts signing in apart from codes', async () => {
    const limits = create();
    expect(await times(3, () => limits.login(from('10.0.0.8')))).toEqual(['ok', 'ok', 'ok']);
    expect(await outcome(limits.code(from('10.0.0.8'), undefined))).toBe('ok');
    expect(await outcome(limits.beacon(from('10.0.0.8')))).toBe('ok');
  });
});

describe('client limits (shared through Redis)', () => {
  let server: TestRedis;
  let redis: Redis;
  let other: Redis;
  beforeAll(async () => {
    server = await startTestRedis();
    redis = new Redis(server.url);
    other = new Redis(server.url);
    // Until a client is ready the limiter counts in memory (rejectIfRedisNotReady): start from ready ones.
    await Promise.all([redis.ping(), other.ping()]);
  });
  afterAll(async () => {
    await redis.quit();
    await other.quit();
    await server.stop();
  });

  it('shares each allowance between instances, under the deployment’s key prefix', async () => {
    const a = createClientLimits({ limits: LIMITS, redis, keyPrefix: 'dep1:', newVisitorsPerIpPerMinute: 1 });
    const b = createClientLimits({ limits: LIMITS, redis: other, keyPrefix: 'dep1:', newVisitorsPerIpPerMinute: 1 });
    const elsewhere = createClientLimits({ limits: LIMITS, redis, keyPrefix: 'dep2:' });
    expect(await times(2, () => a.login(from('10.1.0.1')))).toEqual(['ok', 'ok']);
    expect(await outcome(b.login(from('10.1.0.1')))).toBe('ok');
    const refused = await outcome(b.login(from('10.1.0.1')));
    expect(refused).toBeGreaterThanOrEqual(59);
    expect(refused).toBeLessThanOrEqual(60);
    expect(await outcome(elsewhere.login(from('10.1.0.1')))).toBe('ok');

    expect(await outcome(a.code(from('10.1.0.2'), viewer('ann')))).toBe('ok');
    expect(await outcome(b.code(from('10.1.0.3'), viewer('ann')))).toBe('ok');
    expect(await outcome(a.code(from('10.1.0.4'), viewer('ann')))).toEqual(expect.any(Number));
    expect(await outcome(a.newVisitor(from('10.1.0.5')))).toBe('ok');
    expect(await outcome(b.newVisitor(from('10.1.0.5')))).toEqual(expect.any(Number));
    expect(await times(5, () => a.beacon(from('10.1.0.6')))).toEqual(Array(5).fill('ok'));
    expect(await outcome(b.beacon(from('10.1.0.6')))).toEqual(expect.any(Number));

    const keys = await redis.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith('dep1:limit:') || k.startsWith('dep2:limit:'))).toBe(true);
    expect(keys).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^dep1:limit:logins-ip.*10\.1\.0\.1$/),
        expect.stringMatching(/^dep1:limit:codes-session.*wxapp:ann$/),
        expect.stringMatching(/^dep1:limit:codes-ip.*10\.1\.0\.2$/),
        expect.stringMatching(/^dep1:limit:beacons-ip.*10\.1\.0\.6$/),
        expect.stringMatching(/^dep1:limit:visitors-ip.*10\.1\.0\.5$/),
      ]),
    );
  });

  it('names its keys limit:… when no prefix is given', async () => {
    const limits = createClientLimits({ limits: LIMITS, redis });
    await limits.login(from('10.2.0.1'));
    expect(await redis.keys('limit:logins-ip*')).toHaveLength(1);
  });

  it('keeps counting in memory, without waiting, while Redis cannot be reached', async () => {
    // A client that keeps trying to reconnect (ioredis' defaults) would hold each command in its offline queue:
    // the limits must not wait for it.
    const down = new Redis({ port: 1, host: '127.0.0.1' });
    down.on('error', () => undefined);
    try {
      const started = Date.now();
      const limits = createClientLimits({ limits: LIMITS, redis: down });
      const results = await times(4, () => limits.login(from('10.3.0.1')));
      expect(results.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
      expect(results[3]).toEqual(expect.any(Number));
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      down.disconnect();
    }
  });
});
