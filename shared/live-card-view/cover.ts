import type { LiveCard } from '../live-card';

/** How a cover is drawn; the API has no cover image, so one is derived from the live itself. */
export interface CoverStyle {
  /** A CSS `linear-gradient(…)`. */
  background: string;
  /** The large character in the middle: the theme's first letter, digit or Han character. */
  glyph: string;
}

/** Hand-picked gradient pairs that keep white text readable. */
export const COVER_PALETTES: readonly (readonly [string, string])[] = [
  ['#667eea', '#764ba2'],
  ['#f5576c', '#f093fb'],
  ['#2f80ed', '#56ccf2'],
  ['#11998e', '#38ef7d'],
  ['#fc5c7d', '#6a82fb'],
  ['#ff7e5f', '#feb47b'],
  ['#4568dc', '#b06ab3'],
  ['#0f9b8e', '#3fb1c6'],
  ['#ee0979', '#ff6a00'],
  ['#5f2c82', '#49a09d'],
  ['#1d976c', '#93f9b9'],
  ['#c94b4b', '#4b134f'],
];

const ANGLES = [120, 135, 150, 160] as const;

/** Characters never used as the glyph: spaces, brackets and punctuation that often open a theme (`【预告】…`). */
const SKIP = /[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65!-/:-@[-`{-~·—…“”‘’]/;

/** 32-bit FNV-1a over UTF-16 code units: tiny, stable across platforms, spreads similar ids apart. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A leading tag such as `【预告】` or `[直播]` says little about the live itself. */
const LEADING_TAG = /^\s*(【[^】]*】|\[[^\]]*\]|（[^）]*）|\([^)]*\))\s*/;

/**
 * The big character on the cover: the theme's first letter or Han character, after any leading tag
 * (`【预告】新品发布` → `新`); a digit only when there is nothing else (`2025 年会` → `年`); else `播`.
 */
export function coverGlyph(theme: string): string {
  const untagged = theme.replace(LEADING_TAG, '');
  for (const text of untagged ? [untagged, theme] : [theme]) {
    const chars = Array.from(text).filter((ch) => !SKIP.test(ch));
    const glyph = chars.find((ch) => !/[0-9]/.test(ch)) ?? chars[0];
    if (glyph) return glyph.toUpperCase();
  }
  return '播';
}

/**
 * The cover of one live: the same live always gets the same cover (keyed by livingId, else theme), different lives
 * mostly differ. Pure, so the home card and the live page agree.
 */
export function coverFor({ livingId, theme }: Pick<LiveCard, 'livingId' | 'theme'>): CoverStyle {
  const hash = fnv1a(livingId || theme);
  const [from, to] = COVER_PALETTES[hash % COVER_PALETTES.length] ?? COVER_PALETTES[0]!;
  const angle = ANGLES[(hash >>> 8) % ANGLES.length] ?? 135;
  return { background: `linear-gradient(${angle}deg, ${from} 0%, ${to} 100%)`, glyph: coverGlyph(theme) };
}
