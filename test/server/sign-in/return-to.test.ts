import { safeReturnTo } from '../../../server/sign-in/return-to';

const ORIGIN = 'https://live.example.com';

describe('safeReturnTo', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['/live/lvABC', '/live/lvABC'],
    ['/live/lvABC?replay=1', '/live/lvABC?replay=1'],
    ['/pages/live/index?id=lvABC&replay=1', '/pages/live/index?id=lvABC&replay=1'],
    ['/live/lvABC?replay=1&code=spent&state=old', '/live/lvABC?replay=1'],
    ['/a/../b', '/b'],
  ])('keeps %p as %p', (raw, expected) => {
    expect(safeReturnTo(raw, ORIGIN)).toBe(expected);
  });

  it.each([
    '//evil.com',
    '//evil.com/path',
    'https://evil.com',
    'http://live.example.com.evil.com/',
    'evil.com',
    '/\\evil.com',
    '\\\\evil.com',
    '/\\/evil.com',
    '%2F%2Fevil.com',
    '/%2Fevil.com',
    '/%5Cevil.com',
    '/%252F%252Fevil.com',
    '/%25252F%25252Fevil.com',
    '/\t/evil.com',
    '/%09/evil.com',
    '/\n/evil.com',
    '/.//evil.com',
    '/..//evil.com',
    '/a/..//evil.com',
    '/././/evil.com',
    '/%2e//evil.com',
    '/.%2e//evil.com',
    '%2F%2e%2F%2Fevil.com',
    'javascript:alert(1)',
    '/%E0%A4%A',
    `/${'a'.repeat(3000)}`,
  ])('refuses %p', (raw) => {
    expect(safeReturnTo(raw, ORIGIN)).toBeUndefined();
  });
});
