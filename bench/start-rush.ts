/**
 * A viral reserved live (issue 20): `viewers` open its page over the 30 minutes before the start, stay, and all tap
 * within 10 s of the start. Two BFF instances on one real Redis, the default budget (9,000 a minute, 140,000 an hour
 * for `get_living_code`), the sandbox enforcing WeCom's 10,000 a minute (45009 beyond), on a moved clock.
 *
 * Each viewer is a page following the client's schedule, simulated:
 * - `prepared` (this build's client): the first code asked as `first`, put off (`deferred`) until the BFF says, then
 *   refreshed as `refresh` when told (`refreshInSeconds`); a tap with a usable code launches at once, a tap without
 *   one asks as `tap` (and waits in the fair line when told to) and launches when the code arrives (the mini
 *   program then asks for one more tap, not counted here).
 * - `baseline` (the schedule before issue 20): a code asked as soon as the page opens and again every 4 minutes,
 *   each request a tap (no purpose); a busy answer shows the line and comes back at `Retry-After`; a tap launches at
 *   once with a usable code, otherwise when the page's next code arrives.
 *
 * `npx tsx bench/start-rush.ts [--viewers 30000]`
 */
import { parseArgs } from 'node:util';
import { createSandbox, pointAtSandbox } from '../sandbox';
import { loadConfig, type Config } from '../server/config/config';
import { startInProcessInstance } from '../test/support/in-process-instance';
import { startTestRedis } from '../test/support/redis-server';
import { inBatches, maxInWindow, percentile } from './simulated-viewers';

export type Schedule = 'prepared' | 'baseline';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The live's id in the sandbox (a reserved live made for the run). */
const LIVE = 'lvStartRush0000000000000000000001';
/** Viewers open the page over this long before the start… */
const ARRIVALS_MS = 30 * MINUTE;
/** …and tap within this long after it. */
const TAPS_MS = 10_000;
/** The client's margins (client/src/launch/use-launch-target.ts): a code is launched until 20 s before it expires. */
const USABLE_MARGIN_MS = 20_000;
const BASELINE_REFRESH_MS = 4 * MINUTE;

interface Page {
  id: number;
  base: string;
  arrivesAt: number;
  tapsAt: number;
  token?: string;
  /** When the page next asks in the background; `Infinity`: not on its own. */
  nextAskAt: number;
  /** Until when the held code may be launched with. */
  usableUntil: number;
  /** The tap asks (and waits in line) from this time on; set at `tapsAt` when no usable code is held. */
  tapAskAt?: number;
  launchedAt?: number;
  /** A background request was answered 503 UPSTREAM_BUSY (the line) before the viewer tapped. */
  lineBeforeTap: boolean;
}

export async function runStartRush({ viewers: count = 30_000, schedule = 'prepared' as Schedule } = {}) {
  const redis = await startTestRedis();
  const origin = 2_000_000_000_000;
  const startMs = origin + ARRIVALS_MS;
  let t = origin;
  const now = () => t;
  const sandbox = createSandbox({ now, rateLimitPerMinute: 10_000 });
  const sandboxUrl = await sandbox.listen();
  const startSeconds = Math.floor(startMs / 1000);
  sandbox.lives.upsert(LIVE, { status: 0, reserve_start: startSeconds, living_start: startSeconds });
  const base = pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' }), sandboxUrl, sandbox.credentials);
  const config: Config = {
    ...base,
    liveIds: [LIVE],
    redis: { url: redis.url, keyPrefix: `rush-${schedule}:`, commandTimeoutMs: 2000 },
    limits: { ...base.limits, loginsPerIpPerMinute: 10_000_000, codesPerIpPerMinute: 10_000_000 },
  };
  const instances = [await startInProcessInstance({ config, now }), await startInProcessInstance({ config, now })];
  const bases = instances.map((i) => i.url);
  const pages: Page[] = Array.from({ length: count }, (_, id) => {
    const arrivesAt = origin + Math.floor((id / count) * ARRIVALS_MS);
    return {
      id,
      base: bases[id % 2]!,
      arrivesAt,
      tapsAt: startMs + Math.floor(Math.random() * TAPS_MS),
      nextAskAt: arrivesAt,
      usableUntil: -Infinity,
      lineBeforeTap: false,
    };
  });
  const post = (page: Page, path: string, body: unknown) =>
    fetch(`${page.base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(page.token ? { authorization: `Bearer ${page.token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  const counts = { cardReads: 0, cardReadsBusy: 0, deferred: 0, busy: 0, other: 0 };

  /** The page opens: signs in, reads the card (as the page does), then asks as its schedule says. */
  async function open(page: Page) {
    const login = await post(page, '/api/session/weapp', { code: `viewer${page.id}-rush` });
    page.token = ((await login.json()) as { token: string }).token;
    const card = await fetch(`${page.base}/api/lives/${LIVE}`);
    await card.arrayBuffer();
    counts.cardReads++;
    if (card.status === 503) counts.cardReadsBusy++;
  }

  /** One code request; `tap` says whether the viewer is waiting for it. */
  async function ask(page: Page, tap: boolean) {
    const purpose = schedule === 'baseline' ? undefined : tap ? 'tap' : t < page.usableUntil ? 'refresh' : 'first';
    const res = await post(page, `/api/lives/${LIVE}/code`, purpose ? { purpose } : {});
    const body = (await res.json()) as {
      expiresAt?: string;
      refreshInSeconds?: number;
      deferred?: string;
      retryInSeconds?: number;
      error?: { code: string };
    };
    if (res.status === 200 && body.expiresAt) {
      page.usableUntil = Date.parse(body.expiresAt) - USABLE_MARGIN_MS;
      if (page.tapAskAt !== undefined || (t >= page.tapsAt && page.launchedAt === undefined)) page.launchedAt = t;
      page.nextAskAt = schedule === 'baseline' ? t + BASELINE_REFRESH_MS : t + (body.refreshInSeconds ?? 240) * 1000;
      return;
    }
    if (res.status === 200 && body.deferred) {
      counts.deferred++;
      page.nextAskAt = t + body.retryInSeconds! * 1000;
      return;
    }
    const retryAfterMs = Number(res.headers.get('retry-after') ?? 1) * 1000;
    if (body.error?.code === 'UPSTREAM_BUSY') {
      counts.busy++;
      if (!tap && page.launchedAt === undefined && t < page.tapsAt) page.lineBeforeTap = true;
    } else {
      counts.other++;
      if (process.env.RUSH_DEBUG) console.error(res.status, JSON.stringify(body), purpose, new Date(t).toISOString());
    }
    if (tap) page.tapAskAt = t + retryAfterMs;
    else page.nextAskAt = t + retryAfterMs;
  }

  const started = performance.now();
  let wentLive = false;
  for (let guard = 0; guard < 200_000; guard++) {
    if (!wentLive && t >= startMs) {
      sandbox.lives.setStatus(LIVE, 1);
      wentLive = true;
    }
    // Taps: with a usable code the launch is immediate; without one, the tap asks (or, before issue 20, the page's
    // own asking goes on, now with the viewer waiting for it).
    for (const page of pages) {
      if (page.launchedAt !== undefined || t < page.tapsAt || page.tapAskAt !== undefined) continue;
      if (t < page.usableUntil) page.launchedAt = page.tapsAt;
      else page.tapAskAt = schedule === 'baseline' ? Math.max(page.nextAskAt, t) : t;
    }
    const due = pages.filter(
      (p) =>
        p.launchedAt === undefined &&
        (p.tapAskAt !== undefined ? p.tapAskAt <= t : p.arrivesAt <= t && p.nextAskAt <= t),
    );
    await inBatches(due, 256, async (page) => {
      if (!page.token) await open(page);
      await ask(page, page.tapAskAt !== undefined);
    });
    const waiting = pages.filter((p) => p.launchedAt === undefined);
    if (waiting.length === 0) break;
    // Fine steps around the taps (tap → launch is measured in them), coarse ones before.
    const stepMs = t >= startMs - 5_000 ? 100 : 1_000;
    const nextEvent = Math.min(
      ...waiting.map((p) => p.tapAskAt ?? Math.min(Math.max(p.arrivesAt, p.nextAskAt), p.tapsAt)),
    );
    t = Math.max(t + stepMs, Math.min(nextEvent, t + MINUTE));
  }
  const machineSeconds = Math.round((performance.now() - started) / 1000);

  const calls = sandbox.callsTo('living/get_living_code');
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  const tapToLaunch = pages.map((p) => (p.launchedAt ?? Infinity) - p.tapsAt).sort((a, b) => a - b);
  await Promise.all(instances.map((i) => i.close()));
  await sandbox.close();
  await redis.stop();
  return {
    schedule,
    viewers: count,
    budget: config.wecomBudget,
    everyViewerLaunched: pages.every((p) => p.launchedAt !== undefined),
    tapToLaunchMs: {
      p50: percentile(tapToLaunch, 0.5),
      p95: percentile(tapToLaunch, 0.95),
      max: tapToLaunch[tapToLaunch.length - 1]!,
    },
    launchedWithAHeldCode: pages.filter((p) => p.launchedAt === p.tapsAt).length,
    getLivingCodeCalls: calls.length,
    codesPerViewer: Math.round((calls.length / count) * 100) / 100,
    errcode45009: calls.filter((c) => c.errcode === 45009).length,
    maxCodesInAnySixtySeconds: maxInWindow(times, MINUTE),
    maxCodesInAnyHour: maxInWindow(times, HOUR),
    lineBeforeATap: pages.filter((p) => p.lineBeforeTap).length,
    answers: counts,
    machineSeconds,
  };
}

export type StartRush = Awaited<ReturnType<typeof runStartRush>>;

/** Issue 20's targets for the prepared schedule, and whether they are met. */
export function startRushTargets(prepared: StartRush, baseline: StartRush) {
  const { perMinute: budgetPerMinute, perHour: budgetPerHour } = prepared.budget;
  return [
    { name: 'p95 tap → launch ≤ 1 s', met: prepared.tapToLaunchMs.p95 <= 1000 },
    { name: '0 × 45009', met: prepared.errcode45009 === 0 },
    {
      name: `never more than the budget in any 60 s (${budgetPerMinute}) or any hour (${budgetPerHour})`,
      met: prepared.maxCodesInAnySixtySeconds <= budgetPerMinute && prepared.maxCodesInAnyHour <= budgetPerHour,
    },
    { name: 'get_living_code per viewer ≤ 1.3', met: prepared.codesPerViewer <= 1.3 },
    { name: 'no waiting-line screen before a tap', met: prepared.lineBeforeATap === 0 },
    {
      name: 'card reads never answer busy',
      met: prepared.answers.cardReadsBusy === 0 && baseline.answers.cardReadsBusy === 0,
    },
    { name: 'every viewer launched', met: prepared.everyViewerLaunched },
  ];
}

/** The one line issue 20 asks the bench to end this part with. */
export function startRushSummary(prepared: StartRush, baseline: StartRush, coldP95WaitS: number): string {
  return (
    `start-rush p95-tap-to-launch-ms=${prepared.tapToLaunchMs.p95} codes-per-viewer=${prepared.codesPerViewer} ` +
    `errcode-45009=${prepared.errcode45009} baseline-p95-tap-to-launch-ms=${baseline.tapToLaunchMs.p95} ` +
    `cold-p95-wait-s=${coldP95WaitS}`
  );
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { viewers: { type: 'string' }, schedule: { type: 'string' } },
  });
  const viewers = values.viewers ? Number(values.viewers) : undefined;
  const schedules: Schedule[] = values.schedule ? [values.schedule as Schedule] : ['prepared', 'baseline'];
  (async () => {
    for (const schedule of schedules) console.log(JSON.stringify(await runStartRush({ viewers, schedule }), null, 2));
  })().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
