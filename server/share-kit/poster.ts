import { Resvg } from '@resvg/resvg-js';
import type { LiveCard } from '../../shared/live-card';
import type { MiniProgramCodeImage } from '../wechat/mini-program-code';
import { findPosterFont } from './poster-font';
import { POSTER_WIDTH, posterSvg } from './poster-svg';

const START_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2025年6月2日周一 10:00`: viewers are in China, whatever the server's time zone. */
export function posterStartTime(iso: string): string {
  return START_TIME.format(new Date(iso));
}

function labelOf(card: Pick<LiveCard, 'status'>, replay: boolean): string {
  if (replay) return '直播回放';
  if (card.status === 'living') return '正在直播';
  if (card.status === 'reserved') return '直播预告';
  return '直播';
}

/**
 * Posters of a live as PNG, drawn from an SVG with resvg and the one CJK font found (or configured): the theme, the
 * start time in China's time zone, the description, the mini program code and 「微信扫码观看直播」. The font is
 * looked up at each drawing, so installing one needs no restart, and a missing one is a clear 503.
 */
export function createPosterRenderer({ fontFile }: { fontFile?: string } = {}) {
  return function renderPoster(
    card: Pick<LiveCard, 'theme' | 'description' | 'startsAt' | 'status'>,
    { replay, code }: { replay: boolean; code: MiniProgramCodeImage },
  ): Buffer {
    const font = findPosterFont(fontFile);
    const svg = posterSvg({
      label: labelOf(card, replay),
      theme: card.theme,
      startsAt: posterStartTime(card.startsAt),
      description: card.description,
      code,
      caption: replay ? '微信扫码观看回放' : '微信扫码观看直播',
    });
    // Only that font: with it alone, every text falls back to it, and no system scan runs per poster.
    return new Resvg(svg, {
      fitTo: { mode: 'width', value: POSTER_WIDTH },
      font: { fontFiles: [font], loadSystemFonts: false },
    })
      .render()
      .asPng();
  };
}

export type PosterRenderer = ReturnType<typeof createPosterRenderer>;
