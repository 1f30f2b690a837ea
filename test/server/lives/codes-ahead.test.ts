import type { LivingCodeDeferred, LivingCodeResponse } from '../../../shared/api';
import { SANDBOX_LIVES } from '../../../sandbox';
import { LivingCodeDeferredSchema, LivingCodeResponseSchema } from '../../../server/http/schemas/api-schemas';
import type { Config } from '../../../server/config/config';
import { manualClock, startHarness, type Harness } from '../harness';

const MINUTE = 60_000;

/**
 * Codes made ahead of a tap (issue 20): a page's first code and its refreshes spend only WeCom's headroom, taps
 * first; a reserved live's page gets its code only in the last minutes before the start.
 */
describe('codes made ahead of a tap', () => {
  const clock = manualClock(1_800_000_000_000);
  let h: Harness;
  const start = async (config: Partial<Config> = {}) => {
    h = await startHarness({
      now: clock.now,
      config: { liveIds: [SANDBOX_LIVES.living, SANDBOX_LIVES.reservedSoon], ...config },
    });
    return h;
  };
  afterEach(() => h.close());

  const ask = (token: string, livingId: string, purpose?: 'tap' | 'first' | 'refresh') =>
    h.http
      .post(`/api/lives/${livingId}/code`)
      .set('Authorization', `Bearer ${token}`)
      .send(purpose ? { purpose } : {});
  const codeCalls = () => h.sandbox.callsTo('living/get_living_code').length;
  const startsAt = async (livingId: string) =>
    Date.parse((await h.http.get(`/api/lives/${livingId}`).expect(200)).body.startsAt);

  it('spend only headroom: taps keep their reserve, and a page put off is told when to come back, never queued', async () => {
    // 10 a minute, 30 % kept for taps: seven codes may be made ahead.
    await start({
      wecomBudget: { perMinute: 10, perHour: 1000 },
      codesAhead: { tapReserve: 0.3, prepare: true, windowMs: 4 * MINUTE },
    });
    const pages = await Promise.all(Array.from({ length: 9 }, () => h.login()));
    const answers = [];
    for (const page of pages) answers.push(await ask(page.token, SANDBOX_LIVES.living, 'first').expect(200));
    const coded = answers.filter((res) => 'livingCode' in res.body);
    expect(coded).toHaveLength(7);
    for (const res of coded) {
      const body = LivingCodeResponseSchema.parse(res.body);
      // Refresh when the BFF would hand out a new code: four minutes on, one before this one stops working.
      expect(body.refreshInSeconds).toBe(241);
    }
    for (const res of answers.slice(7)) {
      const body = LivingCodeDeferredSchema.parse(res.body) as LivingCodeDeferred;
      expect(body.deferred).toBe('budget');
      // The minute's first call leaves it in 60 s; put-off pages come back spread over up to half as much again.
      expect(body.retryInSeconds).toBeGreaterThanOrEqual(60);
      expect(body.retryInSeconds).toBeLessThanOrEqual(90);
    }
    expect(codeCalls()).toBe(7);

    // The reserve is the taps': three viewers tap and are served at once, the fourth waits in the fair line.
    const tappers = await Promise.all(Array.from({ length: 4 }, () => h.login()));
    const taps = [];
    for (const tapper of tappers) taps.push(await ask(tapper.token, SANDBOX_LIVES.living, 'tap'));
    expect(taps.map((res) => res.status)).toEqual([200, 200, 200, 503]);
    expect(taps[3]!.body.error.code).toBe('UPSTREAM_BUSY');
    expect(taps[3]!.body.queue.position).toBe(1);

    // While someone waits in line, nothing goes ahead of them, even once the minute has room again.
    clock.advance(MINUTE + 1);
    const refresh = await ask(pages[7]!.token, SANDBOX_LIVES.living, 'refresh').expect(200);
    expect(refresh.body).toMatchObject({ deferred: 'budget' });
    expect(refresh.body.queue).toBeUndefined();
    expect((await ask(tappers[3]!.token, SANDBOX_LIVES.living, 'tap')).status).toBe(200);
    expect((await ask(pages[7]!.token, SANDBOX_LIVES.living, 'refresh').expect(200)).body.livingCode).toEqual(
      expect.any(String),
    );
    expect(h.sandbox.callsTo('living/get_living_code').filter((c) => c.errcode === 45009)).toHaveLength(0);
  });

  it('a request that does not say why is a tap, as clients asked before purposes', async () => {
    await start({ wecomBudget: { perMinute: 1, perHour: 1000 } });
    const [a, b] = await Promise.all([h.login(), h.login()]);
    expect((await ask(a!.token, SANDBOX_LIVES.living).expect(200)).body.refreshInSeconds).toBeUndefined();
    const waiting = await ask(b!.token, SANDBOX_LIVES.living).expect(503);
    expect(waiting.body.queue.position).toBe(1);
  });

  it("asks nothing of WeCom for a reserved live far from its start, and prepares the page's code in its last minutes", async () => {
    await start();
    const startMs = await startsAt(SANDBOX_LIVES.reservedSoon); // twenty minutes from now
    const viewer = await h.login();
    const early = LivingCodeDeferredSchema.parse(
      (await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'first').expect(200)).body,
    );
    expect(early.deferred).toBe('before_start');
    // Far from the start, the page checks in during the minute before the four-minute window opens…
    const checkInAt = clock.now() + early.retryInSeconds * 1000;
    expect(checkInAt).toBeGreaterThanOrEqual(startMs - 5 * MINUTE);
    expect(checkInAt).toBeLessThanOrEqual(startMs - 4 * MINUTE + 1000);
    clock.set(checkInAt);
    const moment = LivingCodeDeferredSchema.parse(
      (await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'first').expect(200)).body,
    );
    expect(moment.deferred).toBe('before_start');
    // …and is given its moment: one viewer waits, so the spread is its narrowest, half a minute ending 5 s before.
    const comeBackAt = clock.now() + moment.retryInSeconds * 1000;
    expect(comeBackAt).toBeGreaterThanOrEqual(startMs - 35_000);
    expect(comeBackAt).toBeLessThanOrEqual(startMs - 5_000 + 1000);
    expect(codeCalls()).toBe(0);

    clock.set(comeBackAt);
    const prepared = LivingCodeResponseSchema.parse(
      (await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'first').expect(200)).body,
    ) as LivingCodeResponse;
    expect(codeCalls()).toBe(1);
    // Valid past the start (WeCom: reusable within its five minutes), so a tap at the start finds it held.
    expect(Date.parse(prepared.expiresAt)).toBeGreaterThan(startMs + 4 * MINUTE);

    // A client that lost it and taps gets the same code: no second call.
    const tap = await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'tap').expect(200);
    expect(tap.body.livingCode).toBe(prepared.livingCode);
    expect(codeCalls()).toBe(1);
  });

  it('spreads the preparing over more of the window the more viewers wait', async () => {
    // 20 a minute for codes ahead (3 of 23 kept for taps): 80 waiters need four minutes of it, and more.
    await start({ wecomBudget: { perMinute: 23, perHour: 100_000 } });
    const startMs = await startsAt(SANDBOX_LIVES.reservedSoon);
    const viewers = await Promise.all(Array.from({ length: 80 }, () => h.login()));
    const checkIns: Array<{ token: string; at: number; opened: number }> = [];
    for (const v of viewers) {
      clock.advance(250); // pages open over 20 s, twenty minutes early: each is told when to check in
      const body = (await ask(v.token, SANDBOX_LIVES.reservedSoon, 'first').expect(200)).body as LivingCodeDeferred;
      checkIns.push({ token: v.token, at: clock.now() + body.retryInSeconds * 1000, opened: checkIns.length });
    }
    // They check in over the minute before the window, when all 80 are counted, and are given their moments.
    checkIns.sort((a, b) => a.at - b.at);
    expect(checkIns[0]!.at).toBeGreaterThanOrEqual(startMs - 5 * MINUTE);
    expect(checkIns[79]!.at).toBeLessThanOrEqual(startMs - 4 * MINUTE + 1000);
    const moments: number[] = [];
    const served: number[] = [];
    for (const { token, at, opened } of checkIns) {
      clock.set(at);
      const body = (await ask(token, SANDBOX_LIVES.reservedSoon, 'first').expect(200)).body;
      // The last places' moments are at the window's opening: they may be due at their check-in already.
      if ('livingCode' in body) served.push(clock.now() - startMs);
      moments[opened] = clock.now() + ('livingCode' in body ? 0 : body.retryInSeconds * 1000) - startMs;
    }
    // Spread over the whole window (four minutes, less the 5 s kept at its end), where one viewer gets half a minute;
    // the first pages to open are not crowded into its last seconds.
    const firstOpened = moments.slice(0, 40);
    expect(Math.min(...firstOpened)).toBeLessThan(-2.5 * MINUTE);
    expect(Math.max(...firstOpened)).toBeGreaterThan(-MINUTE);
    // Each quarter of the spread (235 s) gets its share: 20 on average.
    for (let quarter = 0; quarter < 4; quarter++) {
      const end = -5_000 - quarter * 58_750;
      expect(moments.filter((m) => m <= end + 1000 && m > end - 58_750).length).toBeGreaterThanOrEqual(5);
    }
    expect(Math.min(...moments)).toBeGreaterThanOrEqual(-4 * MINUTE);
    expect(Math.max(...moments)).toBeLessThanOrEqual(-5_000 + 1000);
    expect(served.length).toBeLessThan(8);
    expect(served.every((at) => at >= -4 * MINUTE)).toBe(true);
    expect(codeCalls()).toBe(served.length);
  }, 20_000);

  it('with PREPARE_CODES off, prepares nothing before the start: pages come back just after it', async () => {
    await start({ codesAhead: { tapReserve: 0.1, prepare: false, windowMs: 4 * MINUTE } });
    const startMs = await startsAt(SANDBOX_LIVES.reservedSoon);
    const viewer = await h.login();
    clock.set(startMs - MINUTE); // well inside what would be the window
    const body = (await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'first').expect(200)).body as LivingCodeDeferred;
    expect(body.deferred).toBe('before_start');
    const comeBackAt = clock.now() + body.retryInSeconds * 1000;
    expect(comeBackAt).toBeGreaterThanOrEqual(startMs);
    expect(comeBackAt).toBeLessThanOrEqual(startMs + 31_000);
    expect(codeCalls()).toBe(0);
    // A tap is a tap: served at once, whatever the switch.
    await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'tap').expect(200);
    expect(codeCalls()).toBe(1);
  });

  it('drops prepared codes of a live that is moved, and hands none out for one that is cancelled', async () => {
    await start();
    const startMs = await startsAt(SANDBOX_LIVES.reservedSoon);
    const viewer = await h.login();
    clock.set(startMs - 4_000); // every page's moment has come
    const prepared = (await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'first').expect(200)).body;
    expect(prepared.livingCode).toEqual(expect.any(String));

    // Moved an hour later: the page is put off again, and its next code is a new one.
    const later = Math.floor((startMs + 60 * MINUTE) / 1000);
    h.sandbox.lives.upsert(SANDBOX_LIVES.reservedSoon, { reserve_start: later, living_start: later });
    clock.advance(MINUTE / 2); // the card is read again
    const moved = (await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'refresh').expect(200)).body;
    expect(moved).toMatchObject({ deferred: 'before_start' });
    const tap = (await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'tap').expect(200)).body;
    expect(tap.livingCode).not.toBe(prepared.livingCode);
    const beforeCancel = codeCalls();

    h.sandbox.lives.setStatus(SANDBOX_LIVES.reservedSoon, 4);
    clock.advance(MINUTE / 2);
    const cancelled = await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'tap').expect(409);
    expect(cancelled.body.error.reason).toBe('cancelled');
    expect((await ask(viewer.token, SANDBOX_LIVES.reservedSoon, 'refresh')).status).toBe(409);
    expect(codeCalls()).toBe(beforeCancel);
  });
});
