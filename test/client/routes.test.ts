import { liveQuery, livePageUrl, liveShortLink, parseLivePageParams } from '../../client/src/routes';

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
