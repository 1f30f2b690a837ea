import { createServer, type Server } from 'node:http';
import { createHotCards, type HotCardsOptions } from '../../../../server/http/fast-path/hot-cards';
import { createMetrics } from '../../../../server/metrics/metrics';
import { manualClock } from '../../harness';

/**
 * The fast path's edges on a bare HTTP server (the BFF's own use is in hot-cards.test.ts and
 * adversary/fast-path-forgets.test.ts): which requests it leaves to the router (answered 599 here), its headers,
 * its 304s, how many cards it keeps and when it lets one go.
 */
const ROUTER = 599;

describe('hot cards: edges', () => {
  const clock = manualClock(5_000_000);
  let server: Server | undefined;
  let base: string;
  let hot: ReturnType<typeof createHotCards>;
  let metrics: ReturnType<typeof createMetrics>;

  async function start(options: HotCardsOptions = {}) {
    metrics = createMetrics({ defaults: false });
    hot = createHotCards({ now: clock.now, metrics, ...options });
    server = createServer((req, res) => {
      if (!hot.handle(req, res)) res.writeHead(ROUTER).end('router');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }
  afterEach(async () => {
    await new Promise((r) => server?.close(r));
    server = undefined;
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
  const status = async (path: string, init: RequestInit = {}) => (await fetch(`${base}${path}`, init)).status;

  it('answers only a GET of exactly /api/lives/<well-formed id>', async () => {
    await start();
    hot.remember('lv1', '{"a":1}', 'W/"e1"', clock.now() + 5000);
    expect(await status('/api/lives/lv1')).toBe(200);
    expect(await status('/api/lives/lv1', { method: 'POST' })).toBe(ROUTER);
    expect(await status('/api/lives/lv1', { method: 'HEAD' })).toBe(ROUTER);
    expect(await status('/api/lives/lv1?x=1')).toBe(ROUTER);
    expect(await status('/api/lives/lv1/')).toBe(ROUTER);
    expect(await status('/api/lives/')).toBe(ROUTER);
    expect(await status('/api/livesx/lv1')).toBe(ROUTER);
    expect(await status('/x/api/lives/lv1')).toBe(ROUTER);
    expect(await status('/api/lives/lv2')).toBe(ROUTER); // never served by the router
  });

  it('never answers a malformed id, even one it was given', async () => {
    await start();
    for (const id of ['a.b', 'a%20b', 'x'.repeat(129)]) {
      hot.remember(id, '{}', '"e"', clock.now() + 5000);
      expect([id, await status(`/api/lives/${id}`)]).toEqual([id, ROUTER]);
    }
  });

  it('sends the body byte for byte with its ETag, length, type and no-cache, and the security headers', async () => {
    await start({
      securityHeaders: [
        ['X-Content-Type-Options', 'nosniff'],
        ['X-Frame-Options', 'DENY'],
      ],
    });
    const json = '{"title":"直播"}';
    hot.remember('lv1', json, 'W/"e1"', clock.now() + 5000);
    const res = await get('/api/lives/lv1');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(json);
    expect(res.headers.get('etag')).toBe('W/"e1"');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(json)));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('sends nosniff when given no security headers', async () => {
    await start();
    hot.remember('lv1', '{}', '"e"', clock.now() + 5000);
    const res = await get('/api/lives/lv1');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps a well-formed X-Request-Id and replaces any other with a fresh UUID', async () => {
    await start();
    hot.remember('lv1', '{}', '"e"', clock.now() + 5000);
    expect((await get('/api/lives/lv1', { 'X-Request-Id': 'abcd-1234.ok_' })).headers.get('x-request-id')).toBe(
      'abcd-1234.ok_',
    );
    for (const incoming of ['short', 'has space in it', 'x'.repeat(65)]) {
      const id = (await get('/api/lives/lv1', { 'X-Request-Id': incoming })).headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    const a = (await get('/api/lives/lv1')).headers.get('x-request-id');
    const b = (await get('/api/lives/lv1')).headers.get('x-request-id');
    expect(a).not.toBe(b);
  });

  it('answers 304 to If-None-Match as Koa would: *, a list, weak or strong alike; 200 otherwise', async () => {
    await start();
    hot.remember('weak', '{"w":1}', 'W/"e1"', clock.now() + 5000);
    hot.remember('strong', '{"s":1}', '"e2"', clock.now() + 5000);
    hot.remember('inner', '{"i":1}', '"xW/y"', clock.now() + 5000);
    hot.remember('plain', '{"p":1}', '"xy"', clock.now() + 5000);
    const ETAGS: Record<string, string> = { weak: 'W/"e1"', strong: '"e2"', inner: '"xW/y"', plain: '"xy"' };
    const BODIES: Record<string, string> = { weak: '{"w":1}', strong: '{"s":1}', inner: '{"i":1}', plain: '{"p":1}' };
    const cases: Array<[string, string, number]> = [
      ['weak', '*', 304],
      ['weak', '  *  ', 304],
      ['weak', 'W/"e1"', 304],
      ['weak', '"e1"', 304],
      ['weak', '"x", W/"e1"', 304],
      ['weak', 'W/"x" ,  "e1" ', 304],
      ['weak', '"e1x"', 200],
      ['weak', 'W/"x", "y"', 200],
      ['weak', '**', 200],
      ['strong', 'W/"e2"', 304],
      ['strong', '"e2"', 304],
      ['strong', '"e1"', 200],
      // W/ only as a prefix: Koa's ETags are base64, which may hold a "W/" of its own.
      ['inner', '"xy"', 200],
      ['plain', '"xW/y"', 200],
      ['inner', '"xW/y"', 304],
    ];
    for (const [id, header, expected] of cases) {
      const res = await get(`/api/lives/${id}`, { 'If-None-Match': header });
      expect([id, header, res.status]).toEqual([id, header, expected]);
      expect(res.headers.get('etag')).toBe(ETAGS[id]);
      if (expected === 304) {
        expect(await res.text()).toBe('');
        expect(res.headers.get('content-type')).toBeNull();
        expect(res.headers.get('cache-control')).toBe('no-cache');
      } else expect(await res.text()).toBe(BODIES[id]);
    }
    expect(await metrics.registry.metrics()).toContain(
      'bff_http_requests_total{route="/api/lives/:livingId",method="GET",status="304"} 9',
    );
    expect(await metrics.registry.metrics()).toContain(
      'bff_http_requests_total{route="/api/lives/:livingId",method="GET",status="200"} 6',
    );
    expect(await metrics.registry.metrics()).toContain(
      'bff_http_request_duration_seconds_count{route="/api/lives/:livingId",method="GET"} 15',
    );
    // Each answer took well under a second, and is observed in seconds.
    const sum = /bff_http_request_duration_seconds_sum\{route="\/api\/lives\/:livingId",method="GET"\} (\S+)/.exec(
      await metrics.registry.metrics(),
    );
    expect(Number(sum![1])).toBeGreaterThan(0);
    expect(Number(sum![1])).toBeLessThan(1);
  });

  it('answers a card until its own freshness or maxAgeMs after it was remembered, whichever is first', async () => {
    await start({ maxAgeMs: 50 });
    hot.remember('lv1', '{}', '"e"', clock.now() + 5000);
    hot.remember('lv2', '{}', '"e"', clock.now() + 20);
    clock.advance(19);
    expect([await status('/api/lives/lv1'), await status('/api/lives/lv2')]).toEqual([200, 200]);
    clock.advance(1);
    expect([await status('/api/lives/lv1'), await status('/api/lives/lv2')]).toEqual([200, ROUTER]);
    clock.advance(29);
    expect(await status('/api/lives/lv1')).toBe(200);
    clock.advance(1);
    expect(await status('/api/lives/lv1')).toBe(ROUTER);
    // Remembered again, it is answered again.
    hot.remember('lv1', '{"v":2}', '"e2"', clock.now() + 5000);
    expect(await (await get('/api/lives/lv1')).text()).toBe('{"v":2}');
  });

  it('answers a card 1 s at most by default', async () => {
    await start();
    hot.remember('lv1', '{}', '"e"', clock.now() + 60_000);
    clock.advance(999);
    expect(await status('/api/lives/lv1')).toBe(200);
    clock.advance(1);
    expect(await status('/api/lives/lv1')).toBe(ROUTER);
  });

  it('forgets a card at once, and forgetting one it does not hold changes nothing', async () => {
    await start();
    hot.remember('lv1', '{}', '"e"', clock.now() + 5000);
    hot.remember('lv2', '{}', '"e"', clock.now() + 5000);
    hot.forget('lv1');
    hot.forget('lv3');
    expect([await status('/api/lives/lv1'), await status('/api/lives/lv2')]).toEqual([ROUTER, 200]);
  });

  it('keeps maxEntries cards, letting the oldest go; a card it holds is replaced without evicting another', async () => {
    await start({ maxEntries: 2 });
    hot.remember('a', '{"a":1}', '"a"', clock.now() + 5000);
    hot.remember('b', '{}', '"b"', clock.now() + 5000);
    hot.remember('a', '{"a":2}', '"a2"', clock.now() + 5000);
    expect([await status('/api/lives/a'), await status('/api/lives/b')]).toEqual([200, 200]);
    expect(await (await get('/api/lives/a')).text()).toBe('{"a":2}');
    hot.remember('c', '{}', '"c"', clock.now() + 5000);
    const statuses = [await status('/api/lives/a'), await status('/api/lives/b'), await status('/api/lives/c')];
    expect(statuses).toEqual([ROUTER, 200, 200]);
  });

  it('keeps 1,000 cards by default', async () => {
    await start();
    for (let i = 0; i <= 1000; i++) hot.remember(`lv${i}`, '{}', '"e"', clock.now() + 5000);
    expect([await status('/api/lives/lv0'), await status('/api/lives/lv1')]).toEqual([ROUTER, 200]);
    expect(await status('/api/lives/lv1000')).toBe(200);
  });

  it('answers without metrics to count in', async () => {
    await start({ metrics: undefined });
    hot.remember('lv1', '{"a":1}', '"e"', clock.now() + 5000);
    const res = await get('/api/lives/lv1');
    expect([res.status, await res.text()]).toEqual([200, '{"a":1}']);
  });

  it('answers nothing when disabled', async () => {
    await start({ disabled: true });
    hot.remember('lv1', '{}', '"e"', clock.now() + 5000);
    expect(await status('/api/lives/lv1')).toBe(ROUTER);
    expect(await metrics.registry.metrics()).not.toContain('bff_http_requests_total{');
  });
});
