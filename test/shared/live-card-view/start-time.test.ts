import { formatStartTime } from '../../../shared/live-card-view/start-time';

// Dates are built in the machine's local time zone, as the viewer's phone would.
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi);
const NOW = at(2025, 11, 28, 10, 15);

describe('start time in words', () => {
  it.each([
    ['later today', at(2025, 11, 28, 19, 30), '今天 19:30'],
    ['earlier today', at(2025, 11, 28, 8, 5), '今天 08:05'],
    ['just after midnight today', at(2025, 11, 28, 0, 0), '今天 00:00'],
    ['tomorrow morning', at(2025, 11, 29, 9, 0), '明天 09:00'],
    ['tomorrow just before midnight', at(2025, 11, 29, 23, 59), '明天 23:59'],
    ['yesterday evening', at(2025, 11, 27, 21, 15), '昨天 21:15'],
    ['the day after tomorrow', at(2025, 11, 30, 14, 0), '11月30日 14:00'],
    ['two days ago', at(2025, 11, 26, 14, 0), '11月26日 14:00'],
    ['later this year', at(2025, 12, 24, 20, 0), '12月24日 20:00'],
    ['earlier this year', at(2025, 3, 1, 9, 30), '3月1日 09:30'],
    ['next year', at(2026, 1, 5, 18, 0), '2026年1月5日 18:00'],
    ['another year', at(2024, 3, 1, 14, 0), '2024年3月1日 14:00'],
  ])('%s → %s', (_case, startsAt, words) => {
    expect(formatStartTime(startsAt, NOW)).toBe(words);
  });

  it.each([
    ['明天 across the new year', at(2025, 12, 31, 22, 0), at(2026, 1, 1, 9, 0), '明天 09:00'],
    ['昨天 across the new year', at(2026, 1, 1, 9, 0), at(2025, 12, 31, 20, 0), '昨天 20:00'],
    ['明天 across a month end', at(2025, 2, 28, 12, 0), at(2025, 3, 1, 8, 0), '明天 08:00'],
  ])('%s', (_case, now, startsAt, words) => {
    expect(formatStartTime(startsAt, now)).toBe(words);
  });

  it('reads the ISO strings the BFF sends, in local time', () => {
    expect(formatStartTime(at(2025, 11, 28, 19, 30).toISOString(), NOW)).toBe('今天 19:30');
  });

  // jest.config.js sets TZ=Asia/Shanghai (UTC+8, no DST). These instants fall on one date in UTC and on another in
  // Shanghai, so words taken from UTC fields (getUTCHours, getUTCDate, …) would come out wrong.
  it('runs in Shanghai time, where local and UTC dates can differ', () => {
    expect(new Date('2025-11-28T16:30:00Z').getTimezoneOffset()).toBe(-480);
  });

  it.each([
    ['after UTC midnight in Shanghai: tomorrow', '2025-11-28T16:30:00Z', '明天 00:30'], // UTC: 今天 16:30
    ['before UTC midnight, already today in Shanghai', '2025-11-27T23:45:00Z', '今天 07:45'], // UTC: 昨天 23:45
    ['new year in Shanghai, not yet in UTC', '2025-12-31T16:05:00Z', '2026年1月1日 00:05'], // UTC: 12月31日 16:05
  ])('an ISO …Z time %s', (_case, iso, words) => {
    expect(formatStartTime(iso, NOW)).toBe(words);
  });

  it.each([
    ['today', at(2025, 11, 28, 19, 30), '11月28日 19:30'],
    ['tomorrow', at(2025, 11, 29, 9, 0), '11月29日 09:00'],
    ['yesterday', at(2025, 11, 27, 21, 15), '11月27日 21:15'],
    ['next year', at(2026, 1, 5, 18, 0), '2026年1月5日 18:00'],
  ])('as a date, never in relative words (an SMS is read another day): %s → %s', (_case, startsAt, words) => {
    expect(formatStartTime(startsAt, NOW, undefined, { relative: false })).toBe(words);
  });

  it('returns nothing for a time that does not parse', () => {
    expect(formatStartTime('not a date', NOW)).toBe('');
  });
});

describe('a start time told on a named time zone (the BFF drawing a page before the app runs)', () => {
  const at = new Date('2025-11-28T11:30:00Z'); // 19:30 in Beijing, 06:30 in New York

  it.each([
    ['Asia/Shanghai', new Date('2025-11-28T02:00:00Z'), '今天 19:30'],
    // 23:59 in Beijing on the 27th: the start is tomorrow there.
    ['Asia/Shanghai', new Date('2025-11-27T15:59:00Z'), '明天 19:30'],
    // 00:01 in Beijing on the 29th: it was yesterday there, though the same UTC day.
    ['Asia/Shanghai', new Date('2025-11-28T16:01:00Z'), '昨天 19:30'],
    ['America/New_York', new Date('2025-11-28T12:00:00Z'), '今天 06:30'],
    ['Asia/Shanghai', new Date('2026-01-02T00:00:00Z'), '2025年11月28日 19:30'],
    ['Asia/Shanghai', new Date('2025-12-05T00:00:00Z'), '11月28日 19:30'],
  ])('on %s at %s: %s', (timeZone, now, words) => {
    expect(formatStartTime(at, now, timeZone)).toBe(words);
  });

  it('says nothing for a time that does not parse', () => {
    expect(formatStartTime('not a time', new Date(), 'Asia/Shanghai')).toBe('');
  });
});
