/** `WEB_CONCURRENCY=2`: the built BFF forks two workers that share the port, the metrics and one graceful stop. */
import { SANDBOX_LIVES, createSandbox, type Sandbox } from '../../sandbox';
import { startTestRedis, type TestRedis } from '../support/redis-server';
import { freePort, startBff } from './support/bff-process';

jest.setTimeout(60_000);

let redis: TestRedis;
let sandbox: Sandbox;
beforeAll(async () => {
  redis = await startTestRedis();
  sandbox = createSandbox();
});
afterAll(async () => {
  await sandbox.close();
  await redis.stop();
});

it('serves from two workers, aggregates their metrics on the metrics port, and stops with exit 0', async () => {
  const metricsPort = await freePort();
  const bff = await startBff({
    sandboxUrl: await sandbox.listen(),
    redisUrl: redis.url,
    keyPrefix: 'web-concurrency:',
    env: { WEB_CONCURRENCY: '2', METRICS_PORT: String(metricsPort) },
  });
  try {
    const deadline = Date.now() + 10_000;
    while (bff.logs().filter((l) => l.event === 'listening').length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(bff.logs().find((l) => l.event === 'cluster')).toMatchObject({ workers: 2 });
    expect(bff.logs().filter((l) => l.event === 'listening')).toHaveLength(2);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${bff.url}/api/lives/${SANDBOX_LIVES.living}`)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(sandbox.callsTo('living/get_living_info')).toHaveLength(1); // the workers share one Redis

    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const served = /bff_http_requests_total\{route="\/api\/lives\/:livingId",method="GET",status="200"\} (\d+)/.exec(
      text,
    );
    expect(Number(served?.[1])).toBe(20);
  } finally {
    expect(await bff.stop()).toBe(0);
  }
});
