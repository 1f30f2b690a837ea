/** The poster's picture as SVG: pure, so what goes into it (and how it is escaped) is tested without rendering. */

export interface PosterContent {
  /** A line above the theme: 直播预告, 正在直播, 直播回放. */
  label: string;
  theme: string;
  /** When it starts, already worded (Asia/Shanghai). */
  startsAt: string;
  description: string;
  /** The mini program code, embedded as a data: URI. */
  code: { contentType: string; bytes: Buffer };
  /** Under the code, e.g. 微信扫码观看直播. */
  caption: string;
}

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1240;

const MARGIN = 60;
const TEXT_WIDTH = POSTER_WIDTH - 2 * MARGIN;
const CODE_SIZE = 360;

/** Characters XML 1.0 cannot hold at all (control characters, lone surrogates): dropped, or the SVG would not parse. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as SVG character data or an attribute value: nothing in it can close a tag or open one. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Roughly how wide a character is, in ems: CJK and full-width forms take one, Latin about half. */
function advance(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x2e80) return 1;
  if (/[A-Z@#%&mwMW]/.test(char)) return 0.68;
  return 0.52;
}

/**
 * Breaks `text` into lines of at most `width` pixels at `fontSize`, at most `maxLines` of them (the last one ending
 * in … when text was left over). Chinese has no spaces to break at, so any character may end a line.
 */
export function wrapText(text: string, fontSize: number, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let truncated = false;
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    let used = 0;
    for (const char of paragraph.replace(/\s+/g, ' ').trim()) {
      const w = advance(char) * fontSize;
      if (used + w > width && line) {
        lines.push(line);
        line = '';
        used = 0;
        if (char === ' ') continue;
      }
      line += char;
      used += w;
    }
    if (line) lines.push(line);
  }
  if (lines.length > maxLines) {
    lines.length = maxLines;
    truncated = true;
  }
  if (truncated) {
    const last = [...lines[maxLines - 1]!];
    lines[maxLines - 1] = `${last.slice(0, Math.max(0, last.length - 1)).join('')}…`;
  }
  return lines;
}

function textLines(
  lines: string[],
  {
    x,
    y,
    size,
    lineHeight,
    fill,
    weight = 'normal',
    anchor = 'start',
  }: {
    x: number;
    y: number;
    size: number;
    lineHeight: number;
    fill: string;
    weight?: string;
    anchor?: string;
  },
): string {
  return lines
    .map(
      (line, i) =>
        `<text x="${x}" y="${y + i * lineHeight}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${escapeXml(line)}</text>`,
    )
    .join('');
}

/** The poster: a green band with the label and theme, the start time, the description, the code and its caption. */
export function posterSvg({ label, theme, startsAt, description, code, caption }: PosterContent): string {
  const themeLines = wrapText(theme, 52, TEXT_WIDTH, 2);
  const descriptionLines = wrapText(description.trim() || '主播还没有填写简介', 28, TEXT_WIDTH, 4);
  const codeX = (POSTER_WIDTH - CODE_SIZE) / 2;
  const codeY = 740;
  const href = `data:${code.contentType};base64,${code.bytes.toString('base64')}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${POSTER_WIDTH}" height="${POSTER_HEIGHT}" viewBox="0 0 ${POSTER_WIDTH} ${POSTER_HEIGHT}" font-family="sans-serif">`,
    '<defs><linearGradient id="band" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#07c160"/><stop offset="1" stop-color="#05924a"/></linearGradient></defs>',
    `<rect width="${POSTER_WIDTH}" height="${POSTER_HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${POSTER_WIDTH}" height="380" fill="url(#band)"/>`,
    textLines([label], { x: MARGIN, y: 110, size: 32, lineHeight: 0, fill: '#e6fff0' }),
    textLines(themeLines, { x: MARGIN, y: 200, size: 52, lineHeight: 72, fill: '#ffffff', weight: 'bold' }),
    textLines(['开播时间'], { x: MARGIN, y: 460, size: 26, lineHeight: 0, fill: '#888888' }),
    textLines([startsAt], { x: MARGIN, y: 510, size: 34, lineHeight: 0, fill: '#111111', weight: 'bold' }),
    textLines(descriptionLines, { x: MARGIN, y: 580, size: 28, lineHeight: 40, fill: '#555555' }),
    `<rect x="${codeX - 20}" y="${codeY - 20}" width="${CODE_SIZE + 40}" height="${CODE_SIZE + 40}" rx="24" fill="#f4f6f8"/>`,
    `<image x="${codeX}" y="${codeY}" width="${CODE_SIZE}" height="${CODE_SIZE}" xlink:href="${href}" href="${href}"/>`,
    textLines([caption], {
      x: POSTER_WIDTH / 2,
      y: codeY + CODE_SIZE + 90,
      size: 32,
      lineHeight: 0,
      fill: '#07c160',
      anchor: 'middle',
    }),
    '</svg>',
  ].join('');
}
