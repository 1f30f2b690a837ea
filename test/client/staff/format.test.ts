import {
  formatClock,
  formatDateTime,
  formatInteger,
  formatPercent,
  formatSeconds,
  fromDateTimeLocal,
  toDateTimeLocal,
} from '../../../client/src/staff/format';

// jest.config.js runs every test in Asia/Shanghai (UTC+8, no daylight saving).
describe('console formatting', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
    [12.6, '13'],
    [Number.NaN, '0'],
  ])('formatInteger(%p) = %p', (n, text) => {
    expect(formatInteger(n)).toBe(text);
  });

  it.each([
    [0, '0秒'],
    [-5, '0秒'],
    [45, '45秒'],
    [59.6, '1分钟'],
    [60, '1分钟'],
    [725, '12分5秒'],
    [3599, '59分59秒'],
    [3600, '1小时'],
    [5400, '1小时30分'],
    [7200, '2小时'],
    [4_442_700, '1,234小时5分'],
    [Number.POSITIVE_INFINITY, '0秒'],
  ])('formatSeconds(%p) = %p', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });

  it.each([
    [1, 4, '25%'],
    [1, 3, '33.3%'],
    [2, 3, '66.7%'],
    [461, 640, '72%'],
    [5, 0, '—'],
    [0, 10, '0%'],
  ])('formatPercent(%p, %p) = %p', (part, whole, text) => {
    expect(formatPercent(part, whole)).toBe(text);
  });

  it('writes times in local time', () => {
    expect(formatDateTime('2026-12-02T11:30:00Z')).toBe('2026-12-02 19:30');
    expect(formatDateTime('2026-12-31T16:05:00Z')).toBe('2027-01-01 00:05');
    expect(formatClock('2026-12-02T06:04:05.123Z')).toBe('14:04:05');
    expect(formatDateTime('not a time')).toBe('');
    expect(formatClock('')).toBe('');
  });

  it('turns ISO times into datetime-local values and back, in local time', () => {
    expect(toDateTimeLocal('2026-12-03T11:30:00Z')).toBe('2026-12-03T19:30');
    expect(fromDateTimeLocal('2026-12-03T19:30')).toBe('2026-12-03T11:30:00.000Z');
    expect(fromDateTimeLocal('2026-12-03T19:30:15')).toBe('2026-12-03T11:30:15.000Z');
    expect(fromDateTimeLocal(toDateTimeLocal('2027-01-01T00:00:00Z'))).toBe('2027-01-01T00:00:00.000Z');
  });

  it.each(['', '2026-12-03', '2026-02-30T10:00', '2026-12-03 19:30', '2026-13-01T10:00', '2026-12-03T25:00'])(
    'refuses %p as a datetime-local value',
    (value) => {
      expect(fromDateTimeLocal(value)).toBeUndefined();
    },
  );
});
