import { formatCount, formatDuration } from '../../../shared/live-card-view/format';

describe('duration in words', () => {
  it.each([
    [0, ''],
    [29, ''],
    [60, '1分钟'],
    [2700, '45分钟'],
    [3600, '1小时'],
    [5400, '1小时30分钟'],
    [7260, '2小时1分钟'],
    [Number.NaN, ''],
  ])('%d s → %j', (seconds, words) => {
    expect(formatDuration(seconds)).toBe(words);
  });
});

describe('counts', () => {
  it.each([
    [0, '0'],
    [9876, '9876'],
    [10_000, '1万'],
    [12_345, '1.2万'],
    [99_999, '9.9万'],
    [1_000_000, '100万'],
    [300_000_000, '3亿'],
    [-1, '0'],
  ])('%d → %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
});
