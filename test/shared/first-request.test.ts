import { firstRequestOf } from '../../shared/first-request';

describe('the first request of a landing URL', () => {
  it.each([
    ['https://live.example.com/', { kind: 'lives' }],
    ['https://live.example.com/?from=poster', { kind: 'lives' }],
    ['https://live.example.com/pages/index/index', { kind: 'lives' }],
    ['https://live.example.com/pages/live/index?id=lv_AbC-09', { kind: 'live', livingId: 'lv_AbC-09', replay: false }],
    ['https://live.example.com/pages/live/index?id=lv_1&replay=1#x', { kind: 'live', livingId: 'lv_1', replay: true }],
    ['https://live.example.com/pages/live/index?id=%41b', { kind: 'live', livingId: 'Ab', replay: false }],
  ])('%s → %j', (href, expected) => {
    expect(firstRequestOf(href)).toEqual(expected);
  });

  it.each([
    'https://live.example.com/pages/live/index',
    'https://live.example.com/pages/live/index?id=',
    'https://live.example.com/pages/live/index?id=not%20an%20id!',
    'https://live.example.com/pages/live/index?id=%2541',
    'https://live.example.com/live/lv_1',
    'https://live.example.com/pages/other/index',
  ])('%s → nothing (the page asks for nothing, or finds the id malformed)', (href) => {
    expect(firstRequestOf(href)).toBeUndefined();
  });
});
