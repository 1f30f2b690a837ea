import { act, renderHook } from '@testing-library/react';
import { ApiError } from '../../../client/src/api/api-error';
import {
  MAX_WAIT_MS,
  MIN_REFRESH_MS,
  REFRESH_AFTER_MS,
  RETRY_FIRST_MS,
  RETRY_MAX_MS,
  USABLE_FOR_MS,
  retryIn,
  targetTiming,
  useLaunchTarget,
  type FetchLaunchTarget,
} from '../../../client/src/launch/use-launch-target';
import type { CodePurpose } from '../../../shared/api';
import type { DeferredLaunchTarget, LaunchTargetAnswer } from '../../../client/src/launch/launch-target-answer';
import { aLaunch } from '../support/fixtures';

describe('when a launch target is fetched again', () => {
  it.each([
    [
      'a fresh code (lifetime unknown): after 4 minutes, usable for 4:40',
      undefined,
      undefined,
      REFRESH_AFTER_MS,
      USABLE_FOR_MS,
    ],
    ['a fresh code: a minute before it expires', 300_000, undefined, 240_000, 280_000],
    ['a code the BFF reused (90 s left): after 30 s', 90_000, undefined, 30_000, 70_000],
    ['a code about to expire: not sooner than the minimum', 61_000, undefined, MIN_REFRESH_MS, 41_000],
    ['an answer claiming more than five minutes: as a fresh one', 900_000, undefined, REFRESH_AFTER_MS, USABLE_FOR_MS],
    ['the BFF says when: then', 300_000, 100_000, 100_000, 280_000],
    ['the BFF says later than the code lives: then (the code goes before)', 300_000, 600_000, 600_000, 280_000],
    ['the BFF says at once: not sooner than the minimum', 300_000, 0, MIN_REFRESH_MS, 280_000],
    ['the BFF says beyond any timer: an hour', 300_000, 2 ** 40, MAX_WAIT_MS, 280_000],
  ])('%s', (_case, validForMs, refreshInMs, refreshIn, usableFor) => {
    const timing = targetTiming({ ...aLaunch('c'), validForMs, refreshInMs }, 1_000);
    expect(timing).toEqual({ refreshAt: 1_000 + refreshIn, usableUntil: 1_000 + usableFor });
  });
});

const busy = (status: number, retryAfterSeconds?: number) =>
  new ApiError({ code: 'UPSTREAM_UNAVAILABLE', message: 'x', status, retryAfterSeconds });
const offline = () => new ApiError({ code: 'NETWORK_ERROR', message: 'x', status: 0 });

describe('retrying a failed fetch', () => {
  it.each([
    ['no answer, first failure', offline(), 1, RETRY_FIRST_MS],
    ['no answer, fourth failure', offline(), 4, 16_000],
    ['no answer, many failures: capped', offline(), 9, RETRY_MAX_MS],
    ['a 503 with Retry-After', busy(503, 20), 1, 20_000],
    ['a 429 with Retry-After beyond the cap', busy(429, 60), 1, 60_000],
    ['a 502 from a proxy', new ApiError({ code: 'BAD_RESPONSE', message: 'x', status: 502 }), 2, 4_000],
    ['a refused session', new ApiError({ code: 'SESSION_INVALID', message: 'x', status: 401 }), 1, undefined],
    [
      'a live that cannot be watched',
      new ApiError({ code: 'LIVE_NOT_WATCHABLE', message: 'x', status: 409 }),
      1,
      undefined,
    ],
    ['no JS-SDK', Object.assign(new Error('x'), { code: 'WECHAT_SDK_FAILED' }), 1, undefined],
  ])('%s', (_case, error, failures, delay) => {
    expect(retryIn(error, failures)).toBe(delay);
  });
});

describe('useLaunchTarget', () => {
  const T0 = Date.parse('2025-11-28T10:00:00Z');
  const seconds = (ms: number) => (ms - T0) / 1000;

  /** A source answering `answers` in turn (the last one for ever), recording when it was asked (seconds since T0). */
  function sourceOf(...answers: Array<LaunchTargetAnswer | Error | 'hang'>) {
    const asked: number[] = [];
    const purposes: CodePurpose[] = [];
    const fetchTarget = jest.fn(async (purpose: CodePurpose) => {
      asked.push(seconds(Date.now()));
      purposes.push(purpose);
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (answer === 'hang') return new Promise<never>(() => undefined);
      if (answer instanceof Error) throw answer;
      return answer;
    });
    return { fetchTarget, asked, purposes };
  }

  function renderTarget(fetchTarget: FetchLaunchTarget) {
    return renderHook(
      ({ visible, source }: { visible: boolean; source: FetchLaunchTarget | undefined }) =>
        useLaunchTarget(source, { visible }),
      { initialProps: { visible: true, source: fetchTarget as FetchLaunchTarget | undefined } },
    );
  }

  const advance = (ms: number) => act(() => jest.advanceTimersByTimeAsync(ms));
  const advanceTo = (s: number) => advance(T0 + s * 1000 - Date.now());

  beforeEach(() => jest.useFakeTimers({ now: T0 }));

  it('retries a failing refresh with back-off and drops the code the moment it stops being usable', async () => {
    const first = aLaunch('FIRST');
    const failures = Array.from({ length: 5 }, offline);
    const { fetchTarget, asked } = sourceOf(first, ...failures, aLaunch('SECOND'));
    const { result } = renderTarget(fetchTarget);
    await advance(0);
    expect(result.current).toMatchObject({ phase: 'ready', target: first });

    // The refresh at 4:00 fails, then 2 s, 4 s, 8 s, 16 s, 30 s (capped) later again.
    await advanceTo(USABLE_FOR_MS / 1000 - 1);
    expect(asked).toEqual([0, 240, 242, 246, 254, 270]);
    expect(result.current).toMatchObject({ phase: 'ready', target: first });

    // 4:40: the code is no longer offered, though nothing else happened; the normal button, no error shown.
    await advanceTo(USABLE_FOR_MS / 1000);
    expect(result.current.phase).toBe('standby');
    expect(result.current.error).toBeUndefined();
    expect(result.current.target).toBeUndefined();
    // A tap now finds nothing to open (and asks for a new code at once).
    let taken: unknown = 'not taken';
    act(() => {
      taken = result.current.take();
    });
    expect(taken).toBeUndefined();

    await advanceTo(299);
    expect(asked).toEqual([0, 240, 242, 246, 254, 270, 280]);
    expect(result.current).toMatchObject({ phase: 'ready', target: aLaunch('SECOND') });
  });

  it('without a tap, fetches again on its own schedule once the code was dropped', async () => {
    const { fetchTarget, asked } = sourceOf(aLaunch('FIRST'), ...Array.from({ length: 5 }, offline), aLaunch('SECOND'));
    const { result } = renderTarget(fetchTarget);
    await advanceTo(USABLE_FOR_MS / 1000);
    expect(result.current.target).toBeUndefined();
    await advanceTo(300);
    expect(asked).toEqual([0, 240, 242, 246, 254, 270, 300]);
    expect(result.current).toMatchObject({ phase: 'ready', target: aLaunch('SECOND') });
  });

  it('shows the normal button, not the old code, when the refresh is still under way as the code runs out', async () => {
    const { fetchTarget } = sourceOf(aLaunch('FIRST'), 'hang');
    const { result } = renderTarget(fetchTarget);
    await advance(0);
    await advanceTo(USABLE_FOR_MS / 1000 - 1);
    expect(result.current.phase).toBe('ready');
    await advanceTo(USABLE_FOR_MS / 1000);
    expect(result.current).toMatchObject({ phase: 'standby', target: undefined });
  });

  it('waits as long as the BFF’s Retry-After says, showing nothing for a background request', async () => {
    const { fetchTarget, asked } = sourceOf(busy(503, 20), aLaunch('OK'));
    const { result } = renderTarget(fetchTarget);
    await advance(0);
    expect(result.current).toMatchObject({ phase: 'standby', error: undefined });
    await advanceTo(19);
    expect(asked).toEqual([0]);
    await advanceTo(20);
    expect(asked).toEqual([0, 20]);
    expect(result.current).toMatchObject({ phase: 'ready', target: aLaunch('OK') });
  });

  it('leaves failures a retry cannot fix to the viewer', async () => {
    const notWatchable = new ApiError({ code: 'LIVE_NOT_WATCHABLE', message: 'x', status: 409 });
    const { fetchTarget, asked } = sourceOf(notWatchable);
    const { result } = renderTarget(fetchTarget);
    await advance(10 * 60_000);
    expect(asked).toEqual([0]);
    expect(result.current).toMatchObject({ phase: 'error', error: notWatchable });
  });

  it('does not retry while the page is hidden, and tries again when it shows', async () => {
    const { fetchTarget, asked } = sourceOf(offline(), aLaunch('OK'));
    const { result, rerender } = renderTarget(fetchTarget);
    await advance(0);
    rerender({ visible: false, source: fetchTarget });
    await advanceTo(600);
    expect(asked).toEqual([0]);

    rerender({ visible: true, source: fetchTarget });
    await advance(0);
    expect(asked).toEqual([0, 600]);
    expect(result.current.phase).toBe('ready');
  });

  const deferred = (retryInSeconds: number): DeferredLaunchTarget => ({
    deferred: 'budget',
    retryInMs: retryInSeconds * 1000,
  });
  const line = () =>
    new ApiError({
      code: 'UPSTREAM_BUSY',
      message: 'x',
      status: 503,
      retryAfterSeconds: 12,
      queue: { position: 3, etaSeconds: 12 },
    });

  it('asks for a first code, then refreshes it while it is held', async () => {
    const { fetchTarget, asked, purposes } = sourceOf(aLaunch('A'), aLaunch('B'));
    const { result } = renderTarget(fetchTarget);
    await advanceTo(REFRESH_AFTER_MS / 1000);
    expect(purposes).toEqual(['first', 'refresh']);
    expect(asked).toEqual([0, REFRESH_AFTER_MS / 1000]);
    expect(result.current).toMatchObject({ phase: 'ready', target: aLaunch('B'), preparedByTap: false });
  });

  it('refreshes when the BFF says, and after a code that lapsed first asks for a first code again', async () => {
    const { fetchTarget, asked, purposes } = sourceOf({ ...aLaunch('A'), refreshInMs: 400_000 }, aLaunch('B'));
    const { result } = renderTarget(fetchTarget);
    await advanceTo(USABLE_FOR_MS / 1000);
    expect(result.current.phase).toBe('standby');
    await advanceTo(399);
    expect(asked).toEqual([0]);
    await advanceTo(400);
    expect(purposes).toEqual(['first', 'first']);
    expect(result.current).toMatchObject({ phase: 'ready', target: aLaunch('B') });
  });

  it('after a deferred answer: the normal button, and asks again after retryInSeconds, not before', async () => {
    const { fetchTarget, asked, purposes } = sourceOf(deferred(600), aLaunch('LATER'));
    const { result } = renderTarget(fetchTarget);
    await advance(0);
    expect(result.current).toMatchObject({ phase: 'standby', target: undefined, error: undefined });
    await advanceTo(599);
    expect(asked).toEqual([0]);
    expect(result.current.phase).toBe('standby');
    await advanceTo(600);
    expect(asked).toEqual([0, 600]);
    expect(purposes).toEqual(['first', 'first']);
    expect(result.current).toMatchObject({ phase: 'ready', target: aLaunch('LATER'), preparedByTap: false });
  });

  it('keeps a held code through a deferred refresh until it lapses', async () => {
    const { fetchTarget, purposes } = sourceOf(aLaunch('A'), deferred(600));
    const { result } = renderTarget(fetchTarget);
    await advanceTo(USABLE_FOR_MS / 1000 - 1);
    expect(purposes).toEqual(['first', 'refresh']);
    expect(result.current).toMatchObject({ phase: 'ready', target: aLaunch('A') });
    await advanceTo(USABLE_FOR_MS / 1000);
    expect(result.current).toMatchObject({ phase: 'standby', target: undefined });
  });

  it('never shows the line for a background request, whatever it is answered', async () => {
    const { fetchTarget, purposes } = sourceOf(line());
    const { result } = renderTarget(fetchTarget);
    await advance(0);
    expect(result.current).toMatchObject({ phase: 'standby', error: undefined });
    await advanceTo(12);
    expect(purposes).toEqual(['first', 'first']);
    expect(result.current.phase).toBe('standby');
  });

  it('a tap without a code asks as a tap; the line it gets is shown and retried as a tap', async () => {
    const { fetchTarget, asked, purposes } = sourceOf(deferred(600), line(), aLaunch('TAPPED'));
    const { result } = renderTarget(fetchTarget);
    await advanceTo(5);
    act(() => result.current.prepareByTap());
    expect(result.current.phase).toBe('loading');
    await advance(0);
    expect(result.current).toMatchObject({ phase: 'error', retryAt: T0 + 17_000 });
    await advanceTo(16);
    expect(purposes).toEqual(['first', 'tap']);
    await advanceTo(17);
    expect(purposes).toEqual(['first', 'tap', 'tap']);
    expect(asked).toEqual([0, 5, 17]);
    expect(result.current).toMatchObject({ phase: 'ready', target: aLaunch('TAPPED'), preparedByTap: true });
  });

  it('a tap put off all the same (not in the contract) leaves the next request a background one', async () => {
    const { fetchTarget, purposes } = sourceOf(deferred(30), deferred(30), aLaunch('LATER'));
    const { result } = renderTarget(fetchTarget);
    await advance(0);
    act(() => result.current.prepareByTap());
    await advance(0);
    expect(result.current.phase).toBe('standby');
    await advance(30_000);
    expect(purposes).toEqual(['first', 'tap', 'first']);
    expect(result.current).toMatchObject({ phase: 'ready', preparedByTap: false });
  });

  it('a tap while a background request is under way waits for its answer instead of asking twice', async () => {
    let answer!: (target: LaunchTargetAnswer) => void;
    const fetchTarget = jest.fn((_purpose: CodePurpose) => new Promise<LaunchTargetAnswer>((r) => (answer = r)));
    const { result } = renderTarget(fetchTarget);
    await advance(0);
    act(() => result.current.prepareByTap());
    expect(result.current.phase).toBe('loading');
    await act(async () => answer(aLaunch('BOTH')));
    expect(fetchTarget.mock.calls).toEqual([['first']]);
    expect(result.current).toMatchObject({ phase: 'ready', target: aLaunch('BOTH'), preparedByTap: true });
  });

  it('a tap while a background request is under way asks as a tap when that one is put off', async () => {
    const { fetchTarget, purposes } = sourceOf(aLaunch('TAPPED'));
    fetchTarget.mockImplementationOnce(async (purpose) => {
      purposes.push(purpose);
      await new Promise((r) => setTimeout(r, 1_000));
      return deferred(600);
    });
    const { result } = renderTarget(fetchTarget);
    await advance(0);
    act(() => result.current.prepareByTap());
    await advance(1_000);
    expect(purposes).toEqual(['first', 'tap']);
    expect(result.current).toMatchObject({ phase: 'ready', target: aLaunch('TAPPED'), preparedByTap: true });
  });

  it('stops refreshing while the page is hidden', async () => {
    const { fetchTarget, asked } = sourceOf(aLaunch('A'));
    const { rerender } = renderTarget(fetchTarget);
    await advance(0);
    rerender({ visible: false, source: fetchTarget });
    await advanceTo(3600);
    expect(asked).toEqual([0]);
  });

  it('drops the held target when the source changes (a moved live), and when there is none (a cancelled one)', async () => {
    const old = sourceOf(aLaunch('OLD'));
    const { result, rerender } = renderTarget(old.fetchTarget);
    await advance(0);
    expect(result.current.target).toEqual(aLaunch('OLD'));

    const moved = sourceOf('hang');
    rerender({ visible: true, source: moved.fetchTarget });
    expect(result.current).toMatchObject({ phase: 'loading', target: undefined });
    expect(moved.purposes).toEqual(['first']);

    rerender({ visible: true, source: undefined });
    expect(result.current).toMatchObject({ phase: 'idle', target: undefined });
    rerender({ visible: true, source: old.fetchTarget });
    expect(result.current.target).toBeUndefined();
  });
});
