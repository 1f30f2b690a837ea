import { SANDBOX_LIVES } from '../../../sandbox';
import { createMetrics } from '../../../server/metrics/metrics';
import { serveMetrics } from '../../../server/metrics/metrics-server';
import { startHarness, type Harness } from '../harness';

describe('/metrics', () => {
  let h: Harness;
  let metrics: ReturnType<typeof createMetrics>;
  beforeEach(async () => {
    metrics = createMetrics({ defaults: false });
    h = await startHarness({
      metrics,
      config: {
        wecomBudget: { perMinute: 2, perHour: 100 },
        // A known live: one nobody knows has only a share of this small budget (test/server/adversary).
        liveIds: [SANDBOX_LIVES.living],
      },
    });
  });
  afterEach(() => h.close());

  it("shows the day's URL Links against the daily quota", async () => {
    const before = await metrics.registry.metrics();
    expect(before).toContain('bff_url_links_generated_today 0');
    expect(before).toContain('bff_url_links_daily_limit 500000');
    await h.http.get(`/api/lives/${SANDBOX_LIVES.living}/url-link`).expect(200);
    await h.http.get(`/api/lives/${SANDBOX_LIVES.living}/url-link?replay=1`).expect(200);
    await h.http.get(`/api/lives/${SANDBOX_LIVES.living}/url-link`).expect(200);
    const text = await metrics.registry.metrics();
    expect(text).toContain('bff_url_links_generated_today 2');
    expect(text).toContain('bff_upstream_calls_total{platform="wechat",api="wxa/generate_urllink",outcome="0"} 2');
  });

  it('counts requests by route pattern, upstream calls by API and errcode, card lookups and the budget', async () => {
    await h.http.get(`/api/lives/${SANDBOX_LIVES.living}`).expect(200);
    await h.http.get(`/api/lives/${SANDBOX_LIVES.living}`).expect(200);
    await h.http.get('/api/lives/lvNoSuchLive123').expect(404);
    const [a, b, c] = await Promise.all([h.login(), h.login(), h.login()]);
    await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${a!.token}`)
      .send({})
      .expect(200);
    await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${b!.token}`)
      .send({})
      .expect(200);
    await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${c!.token}`)
      .send({})
      .expect(503);
    const text = await metrics.registry.metrics();

    expect(text).toContain('bff_http_requests_total{route="/api/lives/:livingId",method="GET",status="200"} 2');
    expect(text).toContain('bff_http_requests_total{route="/api/lives/:livingId",method="GET",status="404"} 1');
    expect(text).toContain('bff_http_requests_total{route="/api/lives/:livingId/code",method="POST",status="503"} 1');
    expect(text).toMatch(/bff_upstream_calls_total\{platform="wecom",api="living\/get_living_info",outcome="0"\} 1/);
    expect(text).toMatch(/bff_upstream_calls_total\{platform="wecom",api="living\/get_living_info",outcome="\d+"\} 1/);
    expect(text).toContain('bff_upstream_calls_total{platform="wechat",api="sns/jscode2session",outcome="0"} 3');
    expect(text).toContain('bff_card_lookups_total{result="cached"}');
    expect(text).toContain('bff_budget_admissions_total{api="living/get_living_code",outcome="queued"} 1');
    expect(text).toContain('bff_budget_line_position_max{api="living/get_living_code"} 1');
    expect(text).toContain('bff_store_degraded 0');
    // Bounded labels: no id, openid or token anywhere.
    expect(text).not.toContain(SANDBOX_LIVES.living);
    expect(text).not.toContain('lvNoSuchLive123');
    for (const secret of h.sandbox.secrets()) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/openid|access_token/);
  });

  it('is served on a port of its own, and nothing else is', async () => {
    const server = await serveMetrics({
      port: 0,
      host: '127.0.0.1',
      collect: async () => ({ text: await metrics.registry.metrics(), contentType: metrics.registry.contentType }),
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toContain('# TYPE bff_http_requests_total counter');
      expect((await fetch(`${base}/`)).status).toBe(404);
      await h.http.get('/metrics').expect(404); // never on the public port
    } finally {
      server.close();
    }
  });
});
