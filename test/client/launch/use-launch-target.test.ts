import { act, renderHook } from '@testing-library/react';
import { ApiError } from '../../../client/src/api/api-error';
import {
  MIN_REFRESH_MS,
  REFRESH_AFTER_MS,
  RETRY_FIRST_MS,
  RETRY_MAX_MS,
  USABLE_FOR_MS,
  retryIn,
  targetTiming,
  useLaunchTarget,
  type TimedLaunchTarget,
} from '../../../client/src/launch/use-launch-target';
import { aLaunch } from '../support/fixtures';

describe('when a launch target is fetched again', () => {
  it.each([
    ['a fresh code (lifetime unknown): after 4 minutes, usable for 4:40', undefined, REFRESH_AFTER_MS, USABLE_FOR_MS],
    ['a fresh code: a minute before it expires', 300_000, 240_000, 280_000],
    ['a code the BFF reused (90 s left): after 30 s', 90_000, 30_000, 70_000],
    ['a code about to expire: not sooner than the minimum', 61_000, MIN_REFRESH_MS, 41_000],
    ['an answer claiming more than five minutes: as a fresh one', 900_000, REFRESH_AFTER_MS, USABLE_FOR_MS],
  ])('%s', (_case, validForMs, refreshIn, usableFor) => {
    const timing = targetTiming({ ...aLaunch('c'), validForMs }, 1_000);
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
  function sourceOf(...answers: Array<TimedLaunchTarget | Error | 'hang'>) {
    const asked: number[] = [];
    const fetchTarget = jest.fn(async () => {
      asked.push(seconds(Date.now()));
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (answer === 'hang') return new Promise<never>(() => undefined);
      if (answer instanceof Error) throw answer;
      return answer;
    });
    return { fetchTarget, asked };
  }

  function renderTarget(fetchTarget: () => Promise<TimedLaunchTarget>) {
    return renderHook(({ visible }) => useLaunchTarget(fetchTarget, { visible }), {
      initialProps: { visible: true },
    });
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

    // 4:40: the code is no longer offered, though nothing else happened.
    await advanceTo(USABLE_FOR_MS / 1000);
    expect(result.current.phase).toBe('error');
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

  it('shows loading, not the old code, when the refresh is still under way as the code runs out', async () => {
    const { fetchTarget } = sourceOf(aLaunch('FIRST'), 'hang');
    const { result } = renderTarget(fetchTarget);
    await advance(0);
    await advanceTo(USABLE_FOR_MS / 1000 - 1);
    expect(result.current.phase).toBe('ready');
    await advanceTo(USABLE_FOR_MS / 1000);
    expect(result.current).toMatchObject({ phase: 'loading', target: undefined });
  });

  it('waits as long as the BFF’s Retry-After says', async () => {
    const { fetchTarget, asked } = sourceOf(busy(503, 20), aLaunch('OK'));
    const { result } = renderTarget(fetchTarget);
    await advance(0);
    expect(result.current.phase).toBe('error');
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
    rerender({ visible: false });
    await advanceTo(600);
    expect(asked).toEqual([0]);

    rerender({ visible: true });
    await advance(0);
    expect(asked).toEqual([0, 600]);
    expect(result.current.phase).toBe('ready');
  });
});
