import { liveShareCard } from '../../../client/src/share/share-card';

const ORIGIN = 'https://live.example.com';

describe('WeChat share card of a live', () => {
  it('has the theme, the description, the short link and the icon, all absolute', () => {
    expect(
      liveShareCard({ livingId: 'lv_1', theme: '发布会', description: ' 新品首发\n现场答疑 ' }, true, ORIGIN),
    ).toEqual({
      title: '发布会',
      desc: '新品首发 现场答疑',
      link: 'https://live.example.com/live/lv_1?replay=1',
      imgUrl: 'https://live.example.com/share-icon.png',
    });
  });

  it.each([
    ['', false, '点击进入直播'],
    ['  ', true, '点击观看直播回放'],
    ['长'.repeat(80), false, `${'长'.repeat(59)}…`],
  ])('describes %j (replay %s) as %j', (description, replay, desc) => {
    expect(liveShareCard({ livingId: 'lv_1', theme: 't', description }, replay, ORIGIN).desc).toBe(desc);
  });
});
