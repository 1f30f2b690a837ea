import supertest from 'supertest';
import { SANDBOX_LIVES, createSandbox, pointAtSandbox, type Sandbox } from '../../../sandbox';
import { FUNNEL_OTHER_TAGS } from '../../../shared/staff-api';
import { loadConfig, type Config } from '../../../server/config/config';
import { startInProcessInstance } from '../../support/in-process-instance';
import { startTestRedis, type TestRedis } from '../../support/redis-server';
import { staffSessionCookie } from '../sign-in/staff-session';

/**
 * Issue 17, item 5: the funnel believed the client. One script sent view beacons with made-up visitor ids (601
 * unique views from 600 beacons) and made-up tags (a row each, kept 400 days, and the staff read grew with each).
 * Now visitor ids are the BFF's own (signed), new ones are given out at a capped rate per client address, and a live
 * keeps at most `FUNNEL_TAGS_PER_LIVE` tags, the rest counted in one "other" row. Run on a BFF instance with memory
 * counters and on one with Redis (where the tag cap lives in a script), each over loopback HTTP.
 */
const LIVE: string = SANDBOX_LIVES.living;
const NEW_VISITORS_PER_MINUTE = 5;
const TAGS_PER_LIVE = 8;
const BEACONS = 600;

let redis: TestRedis;
let sandbox: Sandbox;
let base: string;
beforeAll(async () => {
  redis = await startTestRedis();
  sandbox = createSandbox();
  base = await sandbox.listen();
});
afterAll(async () => {
  await sandbox.close();
  await redis.stop();
});

// 1,300 beacons a test over loopback HTTP, on a machine that may be busy.
jest.setTimeout(60_000);

let namespace = 0;
describe.each(['memory', 'redis'])('adversary: the funnel believes the client (%s counters)', (kind) => {
  let instance: { url: string; close(): Promise<void> };
  let http: ReturnType<typeof supertest>;
  let staffCookie: string;
  let origin: string;
  beforeEach(async () => {
    const plain = pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' }), base, sandbox.credentials);
    const config: Config = {
      ...plain,
      // The per-address beacon limit is not what is under test here.
      limits: { ...plain.limits, codesPerIpPerMinute: 100_000 },
      ...(kind === 'redis'
        ? { redis: { url: redis.url, keyPrefix: `forgery${namespace++}:`, commandTimeoutMs: 1000 } }
        : {}),
      funnel: { newVisitorsPerIpPerMinute: NEW_VISITORS_PER_MINUTE, tagsPerLive: TAGS_PER_LIVE },
    };
    config.staff = { ...config.staff, userIds: ['zhaomin'], loginBase: base };
    origin = config.publicOrigin;
    instance = await startInProcessInstance({ config, now: Date.now });
    http = supertest(instance.url);
    staffCookie = await staffSessionCookie({ url: instance.url, sandbox });
  });
  afterEach(() => instance.close());

  // From our own page, as a browser sends it (a beacon with a cookie must come from PUBLIC_ORIGIN).
  const view = (body: object) => http.post(`/api/lives/${LIVE}/views`).set('Origin', origin).send(body);
  /** The staff read, once the counters (which never make a beacon wait) have taken the last event. */
  const funnel = async () => {
    await new Promise((r) => setTimeout(r, 50));
    const res = await http.get(`/api/staff/lives/${LIVE}/funnel`).set('Cookie', staffCookie).expect(200);
    return res.body as { total: { views: number }; byTag: Array<{ from: string; views: number }> };
  };

  it('does not let made-up visitor ids or fresh cookies grow the unique views past the per-address cap', async () => {
    const forged = [];
    for (let i = 0; i < BEACONS; i++) {
      const id = `forged${String(i).padStart(12, '0')}`;
      const body = i % 2 === 0 ? { visitor: id } : { visitor: `${id}.${'A'.repeat(22)}` };
      forged.push((await view(body)).status);
    }
    // Made up: refused, never counted (the install asks the BFF for an id of its own).
    expect(new Set(forged)).toEqual(new Set([400]));
    expect((await funnel()).total.views).toBe(0);

    // No visitor at all, and forged or unsigned cookies: each would be a new browser, so a new cookie is issued —
    // but only so many a minute for this address; past that the view is not counted and no cookie is set.
    let cookies = 0;
    for (let i = 0; i < BEACONS; i++) {
      const req = view({});
      if (i % 3 === 1) req.set('Cookie', `wlv_visitor=madeup${String(i).padStart(12, '0')}`);
      if (i % 3 === 2) req.set('Cookie', `wlv_visitor=madeup${String(i).padStart(12, '0')}.${'B'.repeat(22)}`);
      const res = await req.expect(204);
      if (String(res.headers['set-cookie'] ?? '').includes('wlv_visitor=')) cookies++;
    }
    expect(cookies).toBe(NEW_VISITORS_PER_MINUTE);
    expect((await funnel()).total.views).toBe(NEW_VISITORS_PER_MINUTE);
    // The install id route spends the same allowance: 429 for this address for the rest of the minute.
    await http.post('/api/visitors').send({}).expect(429);
  });

  it('counts a properly issued visitor once, however often it comes back', async () => {
    const issued = await http.post('/api/visitors').send({}).expect(201);
    const install = (issued.body as { visitor: string }).visitor;
    for (let i = 0; i < 50; i++) await view({ visitor: install, from: 'poster' }).expect(204);
    const first = await view({}).expect(204);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    for (let i = 0; i < 50; i++) await view({ from: 'poster' }).set('Cookie', cookie).expect(204);
    const read = await funnel();
    expect(read.total.views).toBe(2);
    expect(read.byTag).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'poster', views: 2 }),
        expect.objectContaining({ from: '', views: 1 }),
      ]),
    );
  });

  it('keeps at most the cap of distinct tags per live, every further tag in one "other" row', async () => {
    // One browser, its cookie as the BFF set it with its first view (tagged, as every view of this script).
    const first = await view({ from: 'spam-0' }).expect(204);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    const tagged = (from: string) => view({ from }).set('Cookie', cookie).expect(204);
    for (let i = 0; i < BEACONS; i++) await tagged(`spam-${i}`);
    const read = await funnel();
    expect(read.byTag.length).toBeLessThanOrEqual(TAGS_PER_LIVE + 1);
    const other = read.byTag.find((r) => r.from === FUNNEL_OTHER_TAGS);
    expect(other).toMatchObject({ views: 1 });
    // The first tags keep their rows; the staff read stays the same size however many more tags come.
    expect(read.byTag.filter((r) => r.from.startsWith('spam-'))).toHaveLength(TAGS_PER_LIVE);
    for (let i = 0; i < 100; i++) await tagged(`more-${i}`);
    expect((await funnel()).byTag).toHaveLength(read.byTag.length);
    // Taps of an unknown tag land in the same row.
    const { token } = (
      await http
        .post('/api/session/weapp')
        .send({ code: `forgery-viewer-${kind}` })
        .expect(200)
    ).body as {
      token: string;
    };
    await http
      .post(`/api/lives/${LIVE}/code`)
      .set('Authorization', `Bearer ${token}`)
      .send({ from: 'tap-tag' })
      .expect(200);
    const after = await funnel();
    expect(after.byTag).toHaveLength(read.byTag.length);
    expect(after.byTag.find((r) => r.from === FUNNEL_OTHER_TAGS)).toMatchObject({ taps: 1 });
  });
});
