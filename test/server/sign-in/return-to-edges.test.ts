import { safeReturnTo } from '../../../server/sign-in/return-to';

/** The returnTo guard at its edges: the length cap, every control character, and paths that resolve to nothing. */
const ORIGIN = 'https://live.example.com';

describe('safeReturnTo at its edges', () => {
  it('keeps a path of exactly 2048 characters and refuses one of 2049', () => {
    const longest = `/${'a'.repeat(2047)}`;
    expect(safeReturnTo(longest, ORIGIN)).toBe(longest);
    expect(safeReturnTo(`${longest}a`, ORIGIN)).toBeUndefined();
  });

  it.each(['/\u0000/evil.com', '/\u001f/evil.com', '/\u007f/evil.com', '/a\rb', '/%7F/evil.com', '/%00'])(
    'refuses the control character in %j',
    (raw) => {
      expect(safeReturnTo(raw, ORIGIN)).toBeUndefined();
    },
  );

  it.each(['/.//', '/a/..//', '/.///', '/..///x'])(
    'refuses %p, whose resolved path begins with // (no host or another), without throwing',
    (raw) => {
      expect(() => safeReturnTo(raw, ORIGIN)).not.toThrow();
      expect(safeReturnTo(raw, ORIGIN)).toBeUndefined();
    },
  );

  it.each([
    // The query is written back as URLSearchParams writes it (after the OAuth parameters are taken out).
    ['/share?from=https://other.example/page', '/share?from=https%3A%2F%2Fother.example%2Fpage'],
    ['/share?from=https%3A%2F%2Fother.example%2Fpage', '/share?from=https%3A%2F%2Fother.example%2Fpage'],
    ['/live//lvABC', '/live//lvABC'],
  ])('keeps %p, whose double slash is not at the start, as %p', (raw, expected) => {
    expect(safeReturnTo(raw, ORIGIN)).toBe(expected);
  });

  it('drops each OAuth parameter alone, keeps the rest and any fragment-free query as is', () => {
    expect(safeReturnTo('/live/lvA?code=spent', ORIGIN)).toBe('/live/lvA');
    expect(safeReturnTo('/live/lvA?state=old&x=1', ORIGIN)).toBe('/live/lvA?x=1');
    expect(safeReturnTo('/live/lvA?x=1#top', ORIGIN)).toBe('/live/lvA?x=1');
  });

  it('keeps a percent-encoded path once decoding settles, and judges the origin from publicOrigin alone', () => {
    expect(safeReturnTo('/live/%E7%9B%B4%E6%92%AD', ORIGIN)).toBe('/live/%E7%9B%B4%E6%92%AD');
    expect(safeReturnTo('/live/lvA', `${ORIGIN}/some/base/`)).toBe('/live/lvA');
  });
});
