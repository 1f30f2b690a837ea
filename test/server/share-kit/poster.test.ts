import { findPosterFont } from '../../../server/share-kit/poster-font';
import { posterStartTime } from '../../../server/share-kit/poster';
import { escapeXml, posterSvg, wrapText } from '../../../server/share-kit/poster-svg';

const code = { contentType: 'image/png', bytes: Buffer.from('not really a png') };

describe('poster', () => {
  it.each([
    ['</text><script>alert(1)</script>', '&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['&amp;', '&amp;amp;'],
    [`"quoted" 'single'`, '&quot;quoted&quot; &apos;single&apos;'],
    ['control \u0001\u0008 characters\uFFFE', 'control  characters'],
    ['中文 emoji 🎉', '中文 emoji 🎉'],
  ])('escapes %p', (text, escaped) => expect(escapeXml(text)).toBe(escaped));

  it('puts no text into the SVG unescaped', () => {
    const svg = posterSvg({
      label: '直播预告',
      theme: '</text><script>x</script>',
      startsAt: '<b>',
      description: ']]><!--',
      code,
      caption: '微信扫码观看直播',
    });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<!--');
    expect(svg.match(/<text /g)).toHaveLength(7);
    expect(svg).toContain(`href="data:image/png;base64,${code.bytes.toString('base64')}"`);
  });

  it('wraps Chinese anywhere, within the width, and ends a cut text with …', () => {
    const lines = wrapText('一二三四五六七八九十'.repeat(3), 10, 100, 2);
    expect(lines).toEqual(['一二三四五六七八九十', '一二三四五六七八九…']);
    expect(wrapText('short', 10, 100, 2)).toEqual(['short']);
    expect(wrapText('第一段\n第二段', 10, 100, 4)).toEqual(['第一段', '第二段']);
    expect(wrapText('', 10, 100, 4)).toEqual([]);
  });

  it('words the start time in China, whatever the server runs in', () => {
    expect(posterStartTime('2025-06-02T02:30:00.000Z')).toBe('2025年6月2日周一 10:30');
    expect(posterStartTime('2025-06-01T16:05:00.000Z')).toBe('2025年6月2日周一 00:05');
  });

  it('finds the configured font, else a CJK one, else refuses clearly', () => {
    expect(findPosterFont(undefined)).toMatch(/\.tt[cf]$|\.otf$/);
    expect(findPosterFont(undefined, ['/nope/a.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'])).toBe(
      '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    );
    expect(() => findPosterFont(undefined, ['/nope/a.ttc'])).toThrow(
      expect.objectContaining({
        code: 'POSTER_UNAVAILABLE',
        status: 503,
        message: expect.stringContaining('POSTER_FONT'),
      }),
    );
    expect(() => findPosterFont('/nope/custom.ttf')).toThrow(
      expect.objectContaining({ code: 'POSTER_UNAVAILABLE', message: expect.stringContaining('/nope/custom.ttf') }),
    );
  });
});
