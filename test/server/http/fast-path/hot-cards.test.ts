import { createServer, type Server } from 'node:http';
import { SANDBOX_LIVES } from '../../../../sandbox';
import { createHotCards } from '../../../../server/http/fast-path/hot-cards';
import { createMetrics } from '../../../../server/metrics/metrics';
import { manualClock, startHarness, type Harness } from '../../harness';

/** Headers that differ between any two answers. */
const comparable = (headers: Record<string, unknown>) => {
  const { date: _date, 'x-request-id': _id, connection: _c, 'keep-alive': _k, ...rest } = headers;
  return rest;
};

describe('fresh cards answered without the router', () => {
  let hot: Harness;
  let routed: Harness;
  beforeEach(async () => {
    hot = await startHarness({ logLevel: 'info' });
    routed = await startHarness({ logLevel: 'debug' }); // every success logged: everything goes through Koa
  });
  afterEach(async () => {
    await hot.close();
    await routed.close();
  });

  it('answers exactly as the router does: body, ETag, headers, and 304 to a matching If-None-Match', async () => {
    const path = `/api/lives/${SANDBOX_LIVES.living}`;
    const first = await hot.http.get(path).expect(200);
    const second = await hot.http.get(path).expect(200);
    const viaRouter = await routed.http.get(path).expect(200);
    expect(second.text).toBe(first.text);
    expect(comparable(second.headers)).toEqual(comparable(first.headers));
    expect(Object.keys(comparable(second.headers)).sort()).toEqual(Object.keys(comparable(viaRouter.headers)).sort());
    expect(second.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const notModified = await hot.http.get(path).set('If-None-Match', String(first.headers.etag)).expect(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.etag).toBe(first.headers.etag);
    await hot.http.get(path).set('If-None-Match', 'W/"other"').expect(200);
    expect(hot.sandbox.callsTo('living/get_living_info')).toHaveLength(1);
  });

  it('leaves everything else to the router: unknown lives, malformed ids, queries, other methods', async () => {
    await hot.http.get(`/api/lives/${SANDBOX_LIVES.living}`).expect(200);
    await hot.http.get('/api/lives/lvNoSuchLive999').expect(404);
    await hot.http.get('/api/lives/lvNoSuchLive999').expect(404);
    await hot.http.get('/api/lives/a.b').expect(400);
    await hot.http.post(`/api/lives/${SANDBOX_LIVES.living}`).expect(405);
  });
});

describe('hot cards', () => {
  const clock = manualClock(1_000_000);
  let server: Server;
  let base: string;
  let hot: ReturnType<typeof createHotCards>;
  const metrics = createMetrics({ defaults: false });
  beforeEach(async () => {
    hot = createHotCards({ now: clock.now, maxAgeMs: 1000, metrics });
    server = createServer((req, res) => {
      if (!hot.handle(req, res)) res.writeHead(599).end('router');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(() => new Promise((r) => server.close(r)));

  it('serves a card at most 1 s after the router last did, and never past its freshness', async () => {
    hot.remember('lv1', '{"a":1}', 'W/"e1"', clock.now() + 5000);
    expect((await fetch(`${base}/api/lives/lv1`)).status).toBe(200);
    clock.advance(999);
    expect(await (await fetch(`${base}/api/lives/lv1`)).text()).toBe('{"a":1}');
    clock.advance(1);
    expect((await fetch(`${base}/api/lives/lv1`)).status).toBe(599); // back to the router, which may know better
    hot.remember('lv2', '{"b":2}', 'W/"e2"', clock.now() + 300);
    clock.advance(300);
    expect((await fetch(`${base}/api/lives/lv2`)).status).toBe(599);
    expect(await metrics.registry.metrics()).toContain(
      'bff_http_requests_total{route="/api/lives/:livingId",method="GET",status="200"} 2',
    );
  });
});
