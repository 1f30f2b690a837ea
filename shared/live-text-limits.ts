/**
 * How long a live's theme and description may be, as WeCom counts them, call by call (its pages for the two calls):
 * - `living/create` counts characters: a theme of at most 20 UTF-8 characters, a description of at most 100;
 * - `living/modify` counts bytes: a theme of at most 60 bytes, a description of at most 300.
 *
 * The two agree on Chinese (three bytes a character) and differ on the rest: an emoji is one character but four
 * bytes, so 16 emoji fit `living/create` and not `living/modify`. A live made here is created with one call and
 * changed with the other, so its text must fit both: the console's form and the BFF's schemas check
 * {@link liveTextOverflow}, and nothing else counts.
 */

/** The two texts of a live WeCom limits. */
export type LiveTextField = 'theme' | 'description';

/** Characters as people count them (code points: an emoji is one), or bytes of UTF-8. */
export type TextUnit = 'characters' | 'bytes';

export interface TextLimit {
  unit: TextUnit;
  max: number;
}

/** `living/create`: "最多支持20个utf8字符" (theme), 100 (description). */
export const LIVING_CREATE_TEXT_LIMITS: Readonly<Record<LiveTextField, TextLimit>> = {
  theme: { unit: 'characters', max: 20 },
  description: { unit: 'characters', max: 100 },
};

/** `living/modify`: "最多支持60个字节" (theme), 300 (description). */
export const LIVING_MODIFY_TEXT_LIMITS: Readonly<Record<LiveTextField, TextLimit>> = {
  theme: { unit: 'bytes', max: 60 },
  description: { unit: 'bytes', max: 300 },
};

/** Every limit a field must keep, characters first (the one people see counted). */
export const LIVE_TEXT_LIMITS: Readonly<Record<LiveTextField, readonly TextLimit[]>> = {
  theme: [LIVING_CREATE_TEXT_LIMITS.theme, LIVING_MODIFY_TEXT_LIMITS.theme],
  description: [LIVING_CREATE_TEXT_LIMITS.description, LIVING_MODIFY_TEXT_LIMITS.description],
};

/** Code points: what WeCom calls UTF-8 characters. */
export const characterCount = (text: string): number => Array.from(text).length;

/**
 * Bytes of `text` in UTF-8, counted from its code points, so it runs alike in the BFF, the console and the mini
 * program (no Buffer, no TextEncoder). A lone surrogate counts 3, as the replacement character it is encoded as.
 */
export function utf8ByteCount(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export const countText = (text: string, unit: TextUnit): number =>
  unit === 'characters' ? characterCount(text) : utf8ByteCount(text);

/** The first limit `text` breaks as `field`, with its count in that limit's unit; `undefined` when it fits both calls. */
export function liveTextOverflow(field: LiveTextField, text: string): (TextLimit & { count: number }) | undefined {
  for (const limit of LIVE_TEXT_LIMITS[field]) {
    const count = countText(text, limit.unit);
    if (count > limit.max) return { ...limit, count };
  }
  return undefined;
}
