/**
 * Two BFF instances in this process (each with its own Redis connections, memory and HTTP server, as `runInstance`
 * wires one) on one real Redis, the sandbox behind them: a URL Link is generated once per key for the cluster.
 */
import { SANDBOX_LIVES, createSandbox, pointAtSandbox, type Sandbox } from '../../sandbox';
import { loadConfig, type Config } from '../../server/config/config';
import { startInProcessInstance } from '../support/in-process-instance';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(60_000);

const LIVE = SANDBOX_LIVES.endedReplayReady;
const TAGS_PER_LIVE = 2;

let redis: TestRedis;
let sandbox: Sandbox;
let instances: Array<Awaited<ReturnType<typeof startInProcessInstance>>> = [];
let run = 0;

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.stop();
});

beforeEach(async () => {
  sandbox = createSandbox();
  const base = await sandbox.listen();
  const loaded = pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' }), base, sandbox.credentials);
  const config: Config = {
    ...loaded,
    redis: { url: redis.url, keyPrefix: `url-links-${run++}:`, commandTimeoutMs: 1000 },
    funnel: { ...loaded.funnel, tagsPerLive: TAGS_PER_LIVE },
  };
  instances = [
    await startInProcessInstance({ config, now: Date.now }),
    await startInProcessInstance({ config, now: Date.now }),
  ];
  // Each generation takes a while, so both instances' requests arrive while it is under way.
  sandbox.faults.latency('wxa/generate_urllink', 150);
});
afterEach(async () => {
  await Promise.all(instances.map((i) => i.close()));
  await sandbox.close();
});

const linkOf = async (base: string, query: string) => {
  const res = await fetch(`${base}/api/lives/${LIVE}/url-link${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { urlLink: string | null }).urlLink;
};

describe('URL Links on two instances sharing a Redis', () => {
  it('generate exactly one link per key for 120 concurrent requests split across them', async () => {
    const queries = ['', '?replay=1', '?from=sms'];
    const answers = await Promise.all(
      Array.from({ length: 120 }, (_, i) => linkOf(instances[i % 2]!.url, queries[i % 3]!)),
    );
    const byKey = queries.map((_, k) => new Set(answers.filter((_a, i) => i % 3 === k)));
    expect(byKey.map((links) => links.size)).toEqual([1, 1, 1]);
    expect(answers.every((a) => a !== null)).toBe(true);
    expect(sandbox.callsTo('wxa/generate_urllink')).toHaveLength(3);
    expect(
      sandbox.urlLinks
        .issued()
        .map((l) => l.query)
        .sort(),
    ).toEqual([`id=${LIVE}`, `id=${LIVE}&from=sms`, `id=${LIVE}&replay=1`].sort());
    // Both count the same day against the quota.
    for (const { services } of instances) expect((await services.urlLinks.quota()).used).toBe(3);
  });

  it(`give links of their own to ${TAGS_PER_LIVE} tags of a live at most, together; the rest get the untagged one`, async () => {
    const tags = ['t1', 't2', 't3', 't4', 't5', 't6'];
    const answers = await Promise.all(tags.map((tag, i) => linkOf(instances[i % 2]!.url, `?from=${tag}`)));
    const untagged = await linkOf(instances[0]!.url, '');
    const issued = sandbox.urlLinks.issued();
    expect(issued.filter((l) => l.query.includes('from='))).toHaveLength(TAGS_PER_LIVE);
    expect(issued).toHaveLength(TAGS_PER_LIVE + 1);
    expect(answers.filter((a) => a === untagged)).toHaveLength(tags.length - TAGS_PER_LIVE);
  });
});
