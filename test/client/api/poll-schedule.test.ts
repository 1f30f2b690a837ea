import { ApiError } from '../../../client/src/api/api-error';
import { FAST_POLL_MS, SLOW_POLL_MS, pollDelay, retryDelay } from '../../../client/src/api/poll-schedule';

const NOW = Date.parse('2025-11-28T10:00:00Z');
const inMin = (m: number) => new Date(NOW + m * 60_000).toISOString();

describe('poll schedule', () => {
  it.each([
    ['living', inMin(-30), FAST_POLL_MS],
    ['reserved', inMin(9), FAST_POLL_MS],
    ['reserved', inMin(10), FAST_POLL_MS],
    ['reserved', inMin(-2), FAST_POLL_MS],
    ['reserved', inMin(-30), FAST_POLL_MS],
    ['reserved', inMin(-31), SLOW_POLL_MS],
    ['reserved', inMin(-600), SLOW_POLL_MS],
    ['reserved', inMin(11), SLOW_POLL_MS],
    ['reserved', inMin(600), SLOW_POLL_MS],
    ['ended', inMin(-60), SLOW_POLL_MS],
    ['expired', inMin(-600), SLOW_POLL_MS],
    ['cancelled', inMin(5), SLOW_POLL_MS],
  ] as const)('%s starting at %s → every %d ms', (status, startsAt, delay) => {
    expect(pollDelay({ status, startsAt }, NOW)).toBe(delay);
  });

  const busy = (retryAfterSeconds?: number) =>
    new ApiError({ code: 'UPSTREAM_RATE_LIMITED', message: 'x', status: 429, retryAfterSeconds });

  it.each([
    ['Retry-After longer than the poll', busy(60), 1, 5000, 60_000],
    ['Retry-After shorter than the poll', busy(2), 1, 30_000, 30_000],
    ['no Retry-After, first failure', busy(), 1, 5000, 5000],
    ['no Retry-After, third failure', busy(), 3, 5000, 20_000],
    ['a network error, many failures (capped)', new Error('x'), 20, 30_000, 300_000],
  ])('%s', (_case, error, failures, normal, delay) => {
    expect(retryDelay(error, failures, normal)).toBe(delay);
  });

  it.each([
    ['below the cap: doubled', busy(), 4, 2000, 16_000],
    ['at the cap', busy(), 5, 2000, 30_000],
    ['Retry-After above the cap still wins', busy(60), 1, 2000, 60_000],
  ])('with a lower cap (30 s), %s', (_case, error, failures, normal, delay) => {
    expect(retryDelay(error, failures, normal, 30_000)).toBe(delay);
  });
});
