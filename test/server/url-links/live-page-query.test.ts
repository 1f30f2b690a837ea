import { livePagePath, livePageQuery } from '../../../server/url-links/live-page-query';
import { URL_LINK_QUERY_PATTERN } from '../../../server/wechat/url-link-api';

describe('the live page query a URL Link and a mini program card carry', () => {
  it.each([
    [{ livingId: 'lvABC_1-x', replay: false }, 'id=lvABC_1-x'],
    [{ livingId: 'lvABC', replay: true }, 'id=lvABC&replay=1'],
    [{ livingId: 'lvABC', replay: false, from: 'sms_1212' }, 'id=lvABC&from=sms_1212'],
    [{ livingId: 'lvABC', replay: true, from: 'wx-article' }, 'id=lvABC&replay=1&from=wx-article'],
    // Never sent (ids and tags are checked first), but still only WeChat's characters if it were.
    [{ livingId: 'a b&c=d/直播', replay: false }, 'id=a%20b%26c%3Dd%2F%E7%9B%B4%E6%92%AD'],
  ])('%o → %s', (target, query) => {
    expect(livePageQuery(target)).toBe(query);
    expect(URL_LINK_QUERY_PATTERN.test(query)).toBe(true);
    expect(livePagePath(target)).toBe(`pages/live/index?${query}`);
  });

  it('reads back as the page reads its launch query', () => {
    const query = livePageQuery({ livingId: 'lv-1', replay: true, from: 'mail_2' });
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({ id: 'lv-1', replay: '1', from: 'mail_2' });
  });
});
