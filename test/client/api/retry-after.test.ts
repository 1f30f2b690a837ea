import { parseRetryAfter } from '../../../client/src/api/retry-after';

describe('Retry-After', () => {
  it.each([
    ['7', 7],
    [' 120 ', 120],
    ['0', 0],
    ['Fri, 28 Nov 2025 10:00:30 GMT', 30],
    ['Fri, 28 Nov 2025 10:00:00 GMT', 0],
    ['Fri, 28 Nov 2025 09:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('reads %j as %j seconds', (value, seconds) => {
    expect(parseRetryAfter(value, Date.parse('Fri, 28 Nov 2025 10:00:00 GMT'))).toBe(seconds);
  });
});
