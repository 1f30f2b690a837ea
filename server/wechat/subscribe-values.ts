/**
 * Values for subscribe-message keywords, within WeChat's rules for each keyword type (its name's prefix: `thing1`
 * is a `thing`). WeChat refuses a value over the limit (47003) rather than cutting it, so we cut: `thing` to 20
 * characters, `name` to 10 (the last one an ellipsis), `phrase` to 5; an empty value, also refused, becomes a dash.
 * Characters are code points, as WeChat counts Chinese ones.
 */
const MAX_CHARACTERS: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32 };
const ELLIPSIS = '…';

export const keywordType = (keyword: string) => keyword.replace(/\d+$/, '');

export function keywordValue(keyword: string, text: string): string {
  const value = text.replace(/\s+/g, ' ').trim() || '-';
  const max = MAX_CHARACTERS[keywordType(keyword)];
  const characters = [...value];
  if (max === undefined || characters.length <= max) return value;
  // A phrase is one short word: an ellipsis would take a fifth of it.
  if (keywordType(keyword) === 'phrase') return characters.slice(0, max).join('');
  return `${characters.slice(0, max - 1).join('')}${ELLIPSIS}`;
}

const CHINA = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A moment on China's clock in one of WeChat's formats: `2026年12月4日 14:00` for a `time` keyword,
 * `2026年12月4日` for a `date`. China is the audience of a subscribe message whatever the server's zone.
 */
export function chinaTimeValue(keyword: string, ms: number): string {
  const parts = Object.fromEntries(CHINA.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const day = `${parts.year}年${parts.month}月${parts.day}日`;
  return keywordType(keyword) === 'date' ? day : `${day} ${parts.hour}:${parts.minute}`;
}
