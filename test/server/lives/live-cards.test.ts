import { LiveCardSchema } from '../../../server/http/schemas/api-schemas';
import { SANDBOX_LIVES } from '../../../sandbox';
import { manualClock, startHarness, type Harness } from '../harness';

describe('live cards', () => {
  const clock = manualClock();
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: clock.now });
  });
  afterEach(() => h.close());

  it("maps WeCom's living_info into a card", async () => {
    const id = SANDBOX_LIVES.living;
    const info = h.sandbox.lives.get(id)!;
    const res = await h.http.get(`/api/lives/${id}`).expect(200);

    expect(LiveCardSchema.parse(res.body)).toEqual({
      livingId: id,
      theme: info.theme,
      description: info.description,
      status: 'living',
      type: expect.any(String),
      anchorUserId: info.anchor_userid,
      startsAt: new Date(info.living_start * 1000).toISOString(),
      durationSeconds: expect.any(Number),
      viewerCount: info.viewer_num,
      onlineCount: info.online_count,
      commentCount: info.comment_num,
      subscribeCount: info.subscribe_count,
      replay: 'none',
      stale: false,
    });
  });

  it.each([
    ['reservedSoon', 'reserved', 'none'],
    ['endedReplayReady', 'ended', 'ready'],
    ['endedReplayGenerating', 'ended', 'generating'],
    ['endedReplayDeleted', 'ended', 'deleted'],
    ['endedReplayFailed', 'ended', 'failed'],
    ['endedNoReplay', 'ended', 'none'],
    ['expired', 'expired', 'none'],
    ['cancelled', 'cancelled', 'none'],
  ] as const)('shows %s as status %s with replay %s', async (name, status, replay) => {
    const res = await h.http.get(`/api/lives/${SANDBOX_LIVES[name]}`).expect(200);
    expect(res.body).toMatchObject({ status, replay });
  });

  it('never passes on the push stream URL', async () => {
    h.sandbox.lives.upsert('lvPushUrl01', { type: 4, status: 0, push_stream_url: 'rtmp://push.example/secret-key' });
    const res = await h.http.get('/api/lives/lvPushUrl01').expect(200);
    expect(JSON.stringify(res.body)).not.toContain('rtmp://');
  });

  it('coalesces 100 concurrent requests for one live into one get_living_info', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => h.http.get(`/api/lives/${SANDBOX_LIVES.living}`)),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(1);
  });

  it('serves from cache briefly, then asks WeCom again and shows the change', async () => {
    const id = SANDBOX_LIVES.reservedSoon;
    await h.http.get(`/api/lives/${id}`).expect(200);
    h.sandbox.lives.setStatus(id, 1);
    expect((await h.http.get(`/api/lives/${id}`)).body.status).toBe('reserved');
    clock.advance(6_000);
    expect((await h.http.get(`/api/lives/${id}`)).body.status).toBe('living');
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(2);
  });

  it('serves the last good card marked stale when WeCom goes down, for a bounded time', async () => {
    const id = SANDBOX_LIVES.living;
    const good = (await h.http.get(`/api/lives/${id}`).expect(200)).body;
    h.sandbox.faults.down();

    clock.advance(6_000);
    const stale = await h.http.get(`/api/lives/${id}`).expect(200);
    expect(stale.body).toEqual({ ...good, stale: true });

    clock.advance(10 * 60_000);
    expect((await h.http.get(`/api/lives/${id}`)).body.stale).toBe(true);

    clock.advance(6 * 60_000);
    const gone = await h.http.get(`/api/lives/${id}`);
    expect(gone.status).toBe(503);
    expect(gone.body.error.code).toBe('UPSTREAM_UNAVAILABLE');

    h.sandbox.faults.up();
    clock.advance(3_000);
    expect((await h.http.get(`/api/lives/${id}`).expect(200)).body.stale).toBe(false);
  });

  it('serves a stale card while WeCom rate-limits', async () => {
    const id = SANDBOX_LIVES.living;
    await h.http.get(`/api/lives/${id}`).expect(200);
    clock.advance(6_000);
    h.sandbox.faults.failNext('living/get_living_info', 45009, 1);
    expect((await h.http.get(`/api/lives/${id}`).expect(200)).body.stale).toBe(true);
  });

  it('answers 503 with Retry-After when WeCom is down and nothing is cached', async () => {
    h.sandbox.faults.down();
    const res = await h.http.get(`/api/lives/${SANDBOX_LIVES.living}`);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('answers 404 LIVE_NOT_FOUND for a live WeCom does not know, and remembers it briefly', async () => {
    const first = await h.http.get('/api/lives/lvDoesNotExist42');
    expect(first.status).toBe(404);
    expect(first.body.error.code).toBe('LIVE_NOT_FOUND');
    expect(h.sandbox.callsTo('living/get_living_info')[0]?.errcode).toBe(40058);
    await h.http.get('/api/lives/lvDoesNotExist42').expect(404);
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(1);
  });

  it('answers 304 to a matching If-None-Match and 200 with a new ETag after a change', async () => {
    const id = SANDBOX_LIVES.reservedSoon;
    const first = await h.http.get(`/api/lives/${id}`).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const unchanged = await h.http.get(`/api/lives/${id}`).set('If-None-Match', etag);
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');

    h.sandbox.lives.setStatus(id, 1);
    clock.advance(6_000);
    const changed = await h.http.get(`/api/lives/${id}`).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.status).toBe('living');
  });
});
