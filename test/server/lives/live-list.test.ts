import { SANDBOX_ANCHORS, SANDBOX_BULK_ANCHOR, SANDBOX_LIVES } from '../../../sandbox';
import { LivesResponseSchema } from '../../../server/http/schemas/api-schemas';
import { startHarness, type Harness } from '../harness';

describe('GET /api/lives', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('lists featured ids and every live of the anchors, de-duplicated and ordered', async () => {
    h = await startHarness({
      config: { liveIds: [SANDBOX_LIVES.living, SANDBOX_LIVES.expired], liveAnchors: [...SANDBOX_ANCHORS] },
    });
    const res = await h.http.get('/api/lives').expect(200);
    const { lives } = LivesResponseSchema.parse(res.body);

    const showcase = h.sandbox.lives.list().filter((l) => SANDBOX_ANCHORS.includes(l.info.anchor_userid));
    expect(new Set(lives.map((l) => l.livingId))).toEqual(new Set(showcase.map((l) => l.livingId)));
    expect(lives).toHaveLength(new Set(lives.map((l) => l.livingId)).size);

    const rank = (s: string, r: string) =>
      s === 'living' ? 0 : s === 'reserved' ? 1 : s === 'ended' && r === 'ready' ? 2 : 3;
    const ranks = lives.map((l) => rank(l.status, l.replay));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const upcoming = lives.filter((l) => l.status === 'reserved').map((l) => Date.parse(l.startsAt));
    expect(upcoming).toEqual([...upcoming].sort((a, b) => a - b));
  });

  it('follows get_user_all_livingid through every cursor page', async () => {
    h = await startHarness({ config: { liveAnchors: [SANDBOX_BULK_ANCHOR] } });
    const res = await h.http.get('/api/lives').expect(200);
    const bulk = h.sandbox.lives.list().filter((l) => l.info.anchor_userid === SANDBOX_BULK_ANCHOR);
    expect(bulk.length).toBeGreaterThan(100);
    expect(res.body.lives).toHaveLength(bulk.length);
    const pages = h.sandbox.callsTo('living/get_user_all_livingid');
    expect(pages.length).toBe(2);
    expect((pages[1]!.body as { cursor: string }).cursor).not.toBe('');
  });

  it('leaves out a featured id WeCom does not know', async () => {
    h = await startHarness({ config: { liveIds: [SANDBOX_LIVES.living, 'lvNotThere'] } });
    const res = await h.http.get('/api/lives').expect(200);
    expect(res.body.lives.map((l: { livingId: string }) => l.livingId)).toEqual([SANDBOX_LIVES.living]);
  });

  it('is an empty list when nothing is configured', async () => {
    h = await startHarness();
    expect((await h.http.get('/api/lives').expect(200)).body).toEqual({ lives: [] });
  });

  it('answers 503 when WeCom is down and nothing could be loaded', async () => {
    h = await startHarness({ config: { liveIds: [SANDBOX_LIVES.living] } });
    h.sandbox.faults.down();
    const res = await h.http.get('/api/lives');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
  });
});
