import { SANDBOX_LIVES } from '../../../sandbox';
import { ErrorBodySchema } from '../../../server/http/schemas/api-schemas';
import { manualClock, startHarness, type Harness } from '../harness';

/** The per-client limits as the routes spend them, on a whole BFF (their own API is in client-limits.test.ts). */
describe('per-client limits', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('answers 429 with Retry-After past the logins allowed per IP, and keeps other limits apart', async () => {
    h = await startHarness({
      config: {
        limits: { loginsPerIpPerMinute: 3, codesPerSessionPerMinute: 30, codesPerIpPerMinute: 1000, socketsPerIp: 50 },
      },
    });
    for (let i = 0; i < 3; i++)
      await h.http
        .post('/api/session/weapp')
        .send({ code: `limit-code-${i}` })
        .expect(200);
    const refused = await h.http.post('/api/session/weapp').send({ code: 'limit-code-x' });
    expect(refused.status).toBe(429);
    expect(ErrorBodySchema.parse(refused.body).error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(h.sandbox.callsTo('sns/jscode2session')).toHaveLength(3);
    await h.http.get(`/api/lives/${SANDBOX_LIVES.living}`).expect(200); // card reads are not limited per client
  });

  it('limits code requests per session, but never a viewer who waits in line and follows Retry-After', async () => {
    const clock = manualClock(1_800_000_000_000);
    h = await startHarness({
      now: clock.now,
      config: {
        wecomBudget: { perMinute: 1, perHour: 100 },
        limits: { loginsPerIpPerMinute: 100, codesPerSessionPerMinute: 2, codesPerIpPerMinute: 1000, socketsPerIp: 50 },
      },
    });
    const [first, waiting] = await Promise.all([h.login(), h.login()]);
    for (let i = 0; i < 2; i++)
      await h.http
        .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
        .set('Authorization', `Bearer ${first!.token}`)
        .send({})
        .expect(200);
    await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${first!.token}`)
      .send({})
      .expect(429);
    for (let i = 0; i < 5; i++) {
      const res = await h.http
        .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
        .set('Authorization', `Bearer ${waiting!.token}`)
        .send({});
      expect([res.status, res.body.error.code]).toEqual([503, 'UPSTREAM_BUSY']);
    }
  });
});
