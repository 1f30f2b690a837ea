import { UpstreamError } from '../../../server/errors/upstream-error';
import { createLogger } from '../../../server/logging/logger';
import { createMemoryAudienceCounters } from '../../../server/store/audience-counters-memory';
import { createMemoryStore } from '../../../server/store/memory-store';
import { createUrlLinkQuota } from '../../../server/url-links/url-link-quota';
import { createUrlLinkService } from '../../../server/url-links/url-link-service';
import type { UrlLinkRequest } from '../../../server/wechat/url-link-api';
import { manualClock } from '../harness';

const DAY = 24 * 3600_000;
const LIVE = 'lvLive_1';

/** WeChat as a function: a new link per call, or the error it is told to throw next. */
function fakeWechat() {
  const calls: UrlLinkRequest[] = [];
  let fail: Error | undefined;
  let gate: Promise<void> | undefined;
  return {
    calls,
    failNext(err: Error) {
      fail = err;
    },
    /** Calls wait until `release()`. */
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    async generate(request: UrlLinkRequest) {
      const n = calls.push(request);
      await gate;
      if (fail) {
        const err = fail;
        fail = undefined;
        throw err;
      }
      return `https://wxaurl.cn/link${n}`;
    },
  };
}

function setUp({ perDay = 500_000, stopPercent = 95, tagsPerLive = 3 } = {}) {
  const clock = manualClock(Date.UTC(2026, 11, 5, 2, 0, 0)); // 10:00 in China
  const wechat = fakeWechat();
  const store = createMemoryStore({ now: clock.now });
  const counters = createMemoryAudienceCounters({ now: clock.now });
  const quota = createUrlLinkQuota({ counters, store, perDay, stopPercent, now: clock.now });
  const service = createUrlLinkService({
    generate: (r) => wechat.generate(r),
    store,
    counters,
    quota,
    tagsPerLive,
    lifetimeDays: 30,
    renewDays: 7,
    refusalHoldMs: 60_000,
    logger: createLogger({ level: 'silent' }),
    now: clock.now,
  });
  return { clock, wechat, service, store };
}

describe('URL Link service', () => {
  it('asks WeChat for the live page with the id, replay flag and tag in the query, for 30 days', async () => {
    const { wechat, service, clock } = setUp();
    const link = await service.linkFor({ livingId: LIVE, replay: true, from: 'sms-1' });
    expect(link).toEqual({ url: 'https://wxaurl.cn/link1', expiresAt: clock.now() + 30 * DAY });
    expect(wechat.calls).toEqual([{ page: 'pages/live/index', query: `id=${LIVE}&replay=1&from=sms-1`, days: 30 }]);
  });

  it('keeps one link per live + replay + tag and serves it again without asking', async () => {
    const { wechat, service } = setUp();
    const targets = [
      { livingId: LIVE, replay: false },
      { livingId: LIVE, replay: true },
      { livingId: LIVE, replay: false, from: 'a' },
      { livingId: 'lvOther', replay: false },
    ];
    const first = await Promise.all(targets.map((t) => service.linkFor(t)));
    const again = await Promise.all(targets.map((t) => service.linkFor(t)));
    expect(again).toEqual(first);
    expect(new Set(first.map((l) => l!.url)).size).toBe(4);
    expect(wechat.calls).toHaveLength(4);
  });

  it('generates once for 100 concurrent callers of one key', async () => {
    const { wechat, service } = setUp();
    const release = wechat.hold();
    const pending = Array.from({ length: 100 }, () => service.linkFor({ livingId: LIVE, replay: false }));
    await new Promise((r) => setTimeout(r, 10));
    release();
    const links = await Promise.all(pending);
    expect(new Set(links.map((l) => l!.url))).toEqual(new Set(['https://wxaurl.cn/link1']));
    expect(wechat.calls).toHaveLength(1);
  });

  it('renews a link once fewer than 7 days remain, and not before', async () => {
    const { wechat, service, clock } = setUp();
    const target = { livingId: LIVE, replay: false };
    const first = await service.linkFor(target);
    clock.advance(23 * DAY - 60_000);
    expect(await service.linkFor(target)).toEqual(first);
    clock.advance(120_000);
    const renewed = await service.linkFor(target);
    expect(renewed).toEqual({ url: 'https://wxaurl.cn/link2', expiresAt: clock.now() + 30 * DAY });
    expect(wechat.calls).toHaveLength(2);
  });

  it('keeps serving the old link while it has time left if WeChat refuses the renewal; null once it is nearly out', async () => {
    const { wechat, service, clock } = setUp();
    const target = { livingId: LIVE, replay: false };
    const first = await service.linkFor(target);
    clock.advance(25 * DAY);
    wechat.failNext(new UpstreamError('UPSTREAM_ERROR', 'wxa/generate_urllink', 85400, 'refused'));
    expect(await service.linkFor(target)).toEqual(first);
    clock.advance(5 * DAY - 30 * 60_000); // half an hour left: not handed out any more
    wechat.failNext(new UpstreamError('UPSTREAM_ERROR', 'wxa/generate_urllink', 85400, 'refused'));
    expect(await service.linkFor(target)).toBeNull();
  });

  it('ignores a from that is not a campaign tag', async () => {
    const { wechat, service } = setUp();
    const plain = await service.linkFor({ livingId: LIVE, replay: false });
    for (const from of ['', 'a b', 'x'.repeat(33), '<script>', 'id=lvOther&x']) {
      expect(await service.linkFor({ livingId: LIVE, replay: false, from })).toEqual(plain);
    }
    expect(wechat.calls).toHaveLength(1);
  });

  it('gives a live links for 3 tags at most: any further tag gets the untagged link', async () => {
    const { wechat, service } = setUp({ tagsPerLive: 3 });
    for (const from of ['a', 'b', 'c']) await service.linkFor({ livingId: LIVE, replay: false, from });
    const untagged = await service.linkFor({ livingId: LIVE, replay: false });
    for (const from of ['d', 'e', 'f', 'g']) {
      expect(await service.linkFor({ livingId: LIVE, replay: true, from })).toEqual(
        await service.linkFor({ livingId: LIVE, replay: true }),
      );
      expect(await service.linkFor({ livingId: LIVE, replay: false, from })).toEqual(untagged);
    }
    // A tag the live has already keeps its links (live and replay); another live has its own room.
    expect((await service.linkFor({ livingId: LIVE, replay: true, from: 'b' }))!.url).not.toBe(untagged!.url);
    await service.linkFor({ livingId: 'lvOther', replay: false, from: 'd' });
    expect(wechat.calls.map((c) => c.query)).toEqual([
      `id=${LIVE}&from=a`,
      `id=${LIVE}&from=b`,
      `id=${LIVE}&from=c`,
      `id=${LIVE}`,
      `id=${LIVE}&replay=1`,
      `id=${LIVE}&replay=1&from=b`,
      'id=lvOther&from=d',
    ]);
  });

  it('stops generating at 95 % of the daily quota, and starts again the next China day', async () => {
    const { wechat, service, clock } = setUp({ perDay: 20, stopPercent: 95 });
    const links = [];
    for (let i = 0; i < 21; i++) links.push(await service.linkFor({ livingId: `lv${i}`, replay: false }));
    expect(links.filter((l) => l !== null)).toHaveLength(19);
    expect(wechat.calls).toHaveLength(19);
    expect(await service.quota()).toEqual({ used: 19, limit: 20, stopAt: 19 });
    clock.advance(14 * 3600_000 - 1); // 15:59:59.999 UTC, 23:59:59.999 in China: still the same day
    expect(await service.linkFor({ livingId: 'lvNext', replay: false })).toBeNull();
    clock.advance(1); // midnight in China
    expect(await service.linkFor({ livingId: 'lvNext', replay: false })).not.toBeNull();
    expect(await service.quota()).toMatchObject({ used: 1 });
  });

  it('answers null after a refusal and asks WeChat nothing for a minute, for any key', async () => {
    const { wechat, service, clock } = setUp();
    wechat.failNext(new UpstreamError('UPSTREAM_ERROR', 'wxa/generate_urllink', 85400, 'refused'));
    expect(await service.linkFor({ livingId: LIVE, replay: false })).toBeNull();
    for (let i = 0; i < 50; i++) expect(await service.linkFor({ livingId: `lv${i}`, replay: false })).toBeNull();
    expect(wechat.calls).toHaveLength(1);
    clock.advance(60_000);
    expect(await service.linkFor({ livingId: LIVE, replay: false })).not.toBeNull();
    expect(wechat.calls).toHaveLength(2);
  });

  it('treats a transport failure as a refusal: null, and held back', async () => {
    const { wechat, service } = setUp();
    wechat.failNext(new UpstreamError('UPSTREAM_UNAVAILABLE', 'wxa/generate_urllink', undefined, 'socket hang up'));
    expect(await service.linkFor({ livingId: LIVE, replay: false })).toBeNull();
    expect(await service.linkFor({ livingId: LIVE, replay: false })).toBeNull();
    expect(wechat.calls).toHaveLength(1);
  });

  it("stops for the rest of the China day when WeChat says the day's quota is spent (45009)", async () => {
    const { wechat, service, clock } = setUp();
    wechat.failNext(new UpstreamError('UPSTREAM_RATE_LIMITED', 'wxa/generate_urllink', 45009, 'daily quota'));
    expect(await service.linkFor({ livingId: LIVE, replay: false })).toBeNull();
    clock.advance(3600_000); // past the refusal hold, same China day
    expect(await service.linkFor({ livingId: LIVE, replay: false })).toBeNull();
    expect(wechat.calls).toHaveLength(1);
    clock.advance(13 * 3600_000); // 16:00 UTC: a new day in China
    expect(await service.linkFor({ livingId: LIVE, replay: false })).not.toBeNull();
  });
});
