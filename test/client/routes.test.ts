import { firstRequestOf, liveQuery, livePageUrl, liveShortLink, parseLivePageParams } from '../../client/src/routes';

describe('live page URLs', () => {
  it('builds the page path, keeping replay', () => {
    expect(livePageUrl('lv_1')).toBe('/pages/live/index?id=lv_1');
    expect(livePageUrl('lv_1', true)).toBe('/pages/live/index?id=lv_1&replay=1');
    expect(liveQuery('lv_1', true)).toBe('id=lv_1&replay=1');
  });

  it('builds the short link the BFF redirects to the page (shares, copies, QR codes)', () => {
    expect(liveShortLink('https://live.example.com', 'lv_1')).toBe('https://live.example.com/live/lv_1');
    expect(liveShortLink('https://live.example.com', 'lv_1', true)).toBe('https://live.example.com/live/lv_1?replay=1');
  });

  it.each([
    [{ id: 'lv_AbC-09' }, { livingId: 'lv_AbC-09', replay: false }],
    [
      { id: 'lv_1', replay: '1' },
      { livingId: 'lv_1', replay: true },
    ],
    [
      { id: 'lv_1', replay: 'true' },
      { livingId: 'lv_1', replay: true },
    ],
    [
      { id: 'lv_1', replay: '0' },
      { livingId: 'lv_1', replay: false },
    ],
    [{ id: 'lv%5F1' }, { livingId: 'lv_1', replay: false }],
    [{}, { livingId: undefined, replay: false }],
    [{ id: '' }, { livingId: undefined, replay: false }],
    [{ id: '../etc' }, { livingId: undefined, replay: false }],
    [{ id: 'a b' }, { livingId: undefined, replay: false }],
    [{ id: '%E0%A4%A' }, { livingId: undefined, replay: false }],
    [{ id: 'x'.repeat(129) }, { livingId: undefined, replay: false }],
  ])('reads %j', (params, parsed) => {
    expect(parseLivePageParams(params)).toEqual(parsed);
  });
});

describe('the first request of a landing URL', () => {
  it.each([
    ['https://live.example.com/', { kind: 'lives' }],
    ['https://live.example.com/?from=poster', { kind: 'lives' }],
    ['https://live.example.com/pages/index/index', { kind: 'lives' }],
    ['https://live.example.com/pages/live/index?id=lv_AbC-09', { kind: 'live', livingId: 'lv_AbC-09' }],
    ['https://live.example.com/pages/live/index?id=lv_1&replay=1#x', { kind: 'live', livingId: 'lv_1' }],
    ['https://live.example.com/pages/live/index?id=%41b', { kind: 'live', livingId: 'Ab' }],
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
