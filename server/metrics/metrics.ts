import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How a card request was answered: fresh from cache, fetched from WeCom, the last good copy, or no such live. */
export type CardLookup = 'cached' | 'fetched' | 'stale' | 'missing';

/** What an upstream call came to: its errcode, or how the transport failed. */
export type UpstreamOutcome = { errcode: number } | { failure: string };

/**
 * What operators see on `/metrics` (Prometheus). Labels are bounded on purpose: routes are the route patterns
 * (`/api/lives/:livingId`, never an id), APIs are WeCom's and WeChat's API names, errcodes are numbers WeCom sends;
 * no label ever carries an openid, a token or a living id.
 */
export function createMetrics({ defaults = true }: { defaults?: boolean } = {}) {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'bff_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'bff_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and method',
    labelNames: ['route', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const upstream = new Counter({
    name: 'bff_upstream_calls_total',
    help: 'Calls to WeCom and WeChat, by platform, API and errcode (or transport failure)',
    labelNames: ['platform', 'api', 'outcome'],
    registers: [registry],
  });
  const cards = new Counter({
    name: 'bff_card_lookups_total',
    help: 'Live card requests by how they were answered (cached, fetched, stale, missing)',
    labelNames: ['result'],
    registers: [registry],
  });
  const budget = new Counter({
    name: 'bff_budget_admissions_total',
    help: 'Budget checks before upstream calls, by API and outcome (admitted, queued, refused)',
    labelNames: ['api', 'outcome'],
    registers: [registry],
  });
  const line = new Gauge({
    name: 'bff_budget_line_position_max',
    help: 'The last place in line handed out, per API (0 once someone is admitted with nobody waiting behind)',
    labelNames: ['api'],
    registers: [registry],
  });
  let openSockets: () => number = () => 0;
  new Gauge({
    name: 'bff_push_sockets',
    help: 'Event sockets open on this instance',
    registers: [registry],
    collect() {
      this.set(openSockets());
    },
  });
  const callbacks = new Counter({
    name: 'bff_callback_events_total',
    help: 'WeCom callback events by outcome (applied, duplicate, older) and refusals',
    labelNames: ['outcome'],
    registers: [registry],
  });
  let storeDegraded: () => boolean = () => false;
  new Gauge({
    name: 'bff_store_degraded',
    help: '1 while the shared store (Redis) is unreachable and memory stands in',
    registers: [registry],
    collect() {
      this.set(storeDegraded() ? 1 : 0);
    },
  });

  let urlLinkQuota: () => Promise<{ used: number; limit: number }> = async () => ({ used: 0, limit: 0 });
  const quotaReading = () => urlLinkQuota().catch(() => undefined);
  new Gauge({
    name: 'bff_url_links_generated_today',
    help: "WeChat URL Links generated today (China day) by every instance, against the mini program's daily quota",
    registers: [registry],
    async collect() {
      const reading = await quotaReading();
      if (reading) this.set(reading.used);
    },
  });
  new Gauge({
    name: 'bff_url_links_daily_limit',
    help: "The mini program's daily quota of URL Links and URL Schemes (WeChat: 500,000)",
    registers: [registry],
    async collect() {
      const reading = await quotaReading();
      if (reading) this.set(reading.limit);
    },
  });

  return {
    registry,
    httpRequest(route: string, method: string, status: number, seconds: number) {
      requests.inc({ route, method, status: String(status) });
      latency.observe({ route, method }, seconds);
    },
    upstreamCall(platform: string, api: string, outcome: UpstreamOutcome) {
      upstream.inc({ platform, api, outcome: 'errcode' in outcome ? String(outcome.errcode) : outcome.failure });
    },
    cardLookup(result: CardLookup) {
      cards.inc({ result });
    },
    budgetAdmission(api: string, outcome: 'admitted' | 'queued' | 'refused', position?: number) {
      budget.inc({ api, outcome });
      if (outcome === 'queued' && position !== undefined) line.set({ api }, position);
    },
    watchStore(degraded: () => boolean) {
      storeDegraded = degraded;
    },
    /** Where the day's count of URL Links and its limit are read (from the shared counters) at each scrape. */
    watchUrlLinkQuota(read: () => Promise<{ used: number; limit: number }>) {
      urlLinkQuota = read;
    },
    watchSockets(size: () => number) {
      openSockets = size;
    },
    callbackEvent(outcome: 'applied' | 'duplicate' | 'older' | 'refused') {
      callbacks.inc({ outcome });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
