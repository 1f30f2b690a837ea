import { chinaTimeValue, keywordValue } from '../../../server/wechat/subscribe-values';
import { reminderPagePath } from '../../../server/reminders/reminder-message';

describe('subscribe-message keyword values', () => {
  it.each([
    ['thing1', '新品发布会', '新品发布会'],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十一', '一二三四五六七八九十一二三四五六七八九…'],
    ['thing2', '  spaced\n\nout  ', 'spaced out'],
    ['thing3', '   ', '-'],
    ['name1', '欧阳娜娜和她的朋友们一起', '欧阳娜娜和她的朋友…'],
    ['phrase4', '已经开始直播了', '已经开始直'],
    ['thing1', '😀'.repeat(25), `${'😀'.repeat(19)}…`],
  ])('%s takes %j as %j', (keyword, text, value) => {
    expect(keywordValue(keyword, text)).toBe(value);
  });

  it.each([
    ['time2', Date.UTC(2026, 11, 4, 6, 0), '2026年12月4日 14:00'],
    ['time2', Date.UTC(2026, 11, 31, 16, 5), '2027年1月1日 00:05'],
    ['date3', Date.UTC(2026, 11, 31, 16, 5), '2027年1月1日'],
  ])('%s tells %d on China’s clock as %j', (keyword, ms, value) => {
    expect(chinaTimeValue(keyword, ms)).toBe(value);
  });

  it('opens our live page with the campaign tag, the id encoded', () => {
    expect(reminderPagePath('lvA_b-1')).toBe('pages/live/index?id=lvA_b-1&from=remind');
  });
});
