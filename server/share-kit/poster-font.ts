import { accessSync, constants } from 'node:fs';
import { AppError } from '../errors/app-error';

/**
 * Where common systems keep a font with Chinese glyphs (Debian/Ubuntu's fonts-wqy-microhei, fonts-wqy-zenhei and
 * fonts-noto-cjk, Fedora's and Alpine's Noto CJK, macOS, Windows), in order of preference.
 */
export const CJK_FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto/NotoSansCJK-Regular.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Medium.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

const readable = (path: string) => {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The font file posters are drawn with: the configured one (`POSTER_FONT`), else the first CJK font found among
 * {@link CJK_FONT_CANDIDATES}. Without one, Chinese would come out as empty boxes, so the poster is refused with a
 * message that says what to install or set instead.
 */
export function findPosterFont(configured: string | undefined, candidates = CJK_FONT_CANDIDATES): string {
  if (configured) {
    if (readable(configured)) return configured;
    throw new AppError('POSTER_UNAVAILABLE', `The poster font ${configured} (POSTER_FONT) cannot be read`, {
      expose: true,
    });
  }
  const found = candidates.find(readable);
  if (found) return found;
  throw new AppError(
    'POSTER_UNAVAILABLE',
    'No font with Chinese glyphs is installed for posters: install fonts-wqy-microhei (or Noto Sans CJK), or set POSTER_FONT to a .ttf/.ttc/.otf file',
    { expose: true },
  );
}
