import { COVER_PALETTES, coverFor, coverGlyph, fnv1a } from '../../../shared/live-card-view/cover';

describe('drawn cover', () => {
  it('is the same for the same live, every time', () => {
    const live = { livingId: 'lv_Xa8-3kq', theme: '季度复盘' };
    expect(coverFor(live)).toEqual(coverFor({ ...live }));
    expect(coverFor(live)).toEqual(coverFor({ livingId: 'lv_Xa8-3kq', theme: '季度复盘' }));
  });

  it('follows the living id, not the wording of the theme', () => {
    const a = coverFor({ livingId: 'lv_1', theme: '季度复盘' });
    const b = coverFor({ livingId: 'lv_1', theme: '季度复盘（改期）' });
    expect(a.background).toBe(b.background);
  });

  it('keys on the theme when there is no id', () => {
    expect(coverFor({ livingId: '', theme: '新人培训' })).toEqual(coverFor({ livingId: '', theme: '新人培训' }));
  });

  it('is pinned: a known id keeps its gradient across releases', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(coverFor({ livingId: 'lv_abc123', theme: 'x' }).background).toBe(
      'linear-gradient(160deg, #667eea 0%, #764ba2 100%)',
    );
    expect(coverFor({ livingId: 'lv_0', theme: 'x' }).background).not.toBe(
      coverFor({ livingId: 'lv_abc123', theme: 'x' }).background,
    );
  });

  it('spreads different lives over the palette', () => {
    const used = new Set(
      Array.from({ length: 60 }, (_, i) => coverFor({ livingId: `lv_${i}`, theme: 't' }).background),
    );
    expect(used.size).toBeGreaterThanOrEqual(COVER_PALETTES.length / 2);
  });

  it('draws a CSS linear gradient', () => {
    expect(coverFor({ livingId: 'lv_9', theme: 't' }).background).toMatch(
      /^linear-gradient\(\d+deg, #[0-9a-f]{6} 0%, #[0-9a-f]{6} 100%\)$/,
    );
  });

  it.each([
    ['产品发布会', '产'],
    ['  季度复盘', '季'],
    ['【预告】新品发布', '新'],
    ['[直播] weekly sync', 'W'],
    ['（重播）季度复盘', '季'],
    ['【预告】', '预'],
    ['《安全生产》培训', '安'],
    ['#周会# 十一月', '周'],
    ['“AI” 分享', 'A'],
    ['weekly sync', 'W'],
    ['2025 年会', '年'],
    ['2025', '2'],
    ['😀 团建直播', '😀'],
    ['', '播'],
    ['！？…', '播'],
  ])('glyph of %j is %s', (theme, glyph) => {
    expect(coverGlyph(theme)).toBe(glyph);
  });
});
