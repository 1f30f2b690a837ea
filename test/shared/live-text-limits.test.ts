import {
  LIVING_CREATE_TEXT_LIMITS,
  LIVING_MODIFY_TEXT_LIMITS,
  characterCount,
  liveTextOverflow,
  utf8ByteCount,
} from '../../shared/live-text-limits';

describe('counting a live’s text as WeCom does', () => {
  it.each([
    ['', 0, 0],
    ['Launch', 6, 6],
    ['é', 1, 2],
    ['冬季新品', 4, 12],
    ['🎉', 1, 4],
    ['👩‍💻', 3, 11],
    ['\uD800', 1, 3],
    ['a\u{10FFFF}z', 3, 6],
  ])('%j is %i characters and %i bytes of UTF-8', (text, characters, bytes) => {
    expect(characterCount(text)).toBe(characters);
    expect(utf8ByteCount(text)).toBe(bytes);
    // What Node itself encodes: the portable count agrees, lone surrogate included.
    expect(utf8ByteCount(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it('models each call as its page says: create counts characters, modify bytes', () => {
    expect(LIVING_CREATE_TEXT_LIMITS).toEqual({
      theme: { unit: 'characters', max: 20 },
      description: { unit: 'characters', max: 100 },
    });
    expect(LIVING_MODIFY_TEXT_LIMITS).toEqual({
      theme: { unit: 'bytes', max: 60 },
      description: { unit: 'bytes', max: 300 },
    });
  });

  it.each<[string, 'theme' | 'description', string, ReturnType<typeof liveTextOverflow>]>([
    ['20 Chinese characters (60 bytes)', 'theme', '一'.repeat(20), undefined],
    ['21 Chinese characters', 'theme', '一'.repeat(21), { unit: 'characters', max: 20, count: 21 }],
    ['21 letters', 'theme', 'a'.repeat(21), { unit: 'characters', max: 20, count: 21 }],
    ['15 emoji (60 bytes)', 'theme', '🎉'.repeat(15), undefined],
    ['16 emoji: 16 characters, 64 bytes', 'theme', '🎉'.repeat(16), { unit: 'bytes', max: 60, count: 64 }],
    ['100 Chinese characters (300 bytes)', 'description', '字'.repeat(100), undefined],
    ['101 Chinese characters', 'description', '字'.repeat(101), { unit: 'characters', max: 100, count: 101 }],
    ['76 emoji: 304 bytes', 'description', '🎉'.repeat(76), { unit: 'bytes', max: 300, count: 304 }],
  ])('%s as the %s: %j', (_name, field, text, overflow) => {
    expect(liveTextOverflow(field, text)).toEqual(overflow);
  });
});
