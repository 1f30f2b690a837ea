import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CardWords } from './card-words';

/** The wrapper classes of the app's pages, which the first-card selectors start with (`.home .live-card`…). */
export type PageWrapper = 'home' | 'live-page';

/**
 * Design px (the app's CSS is written for a 750-wide screen) as rem: the root is sized so that 750 design px span
 * the screen (up to a 480 px column), 40 design px to the rem, as the app's build and `index.html` do, here in CSS
 * alone.
 */
const d = (designPx: number) => `${designPx / 40}rem`;

/**
 * Plain CSS drawing the card about as the app does (same sizes, colours and the app's system font stack: no web
 * font on either side), so the page paints the same words in about the same boxes.
 */
const STYLE = `
html { font-size: calc(min(100vw, 480px) / 18.75); }
body {
  margin: 0; background: #f4f5f7; color: #1d2129;
  font-family: -apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei',
    'WenQuanYi Micro Hei', sans-serif;
}
.page { box-sizing: border-box; max-width: ${d(750)}; margin: 0 auto; padding: ${d(24)} ${d(24)} ${d(64)}; }
.live-card { overflow: hidden; margin-bottom: ${d(28)}; border-radius: ${d(24)}; background: #fff; }
.live-cover { position: relative; display: flex; align-items: center; justify-content: center; height: ${d(300)}; }
.live-page .live-cover { height: ${d(420)}; }
.live-cover__glyph { font-size: ${d(150)}; font-weight: 700; line-height: 1; color: rgba(255, 255, 255, 0.95); }
.live-page .live-cover__glyph { font-size: ${d(200)}; }
.live-cover__badges { position: absolute; left: ${d(20)}; top: ${d(20)}; display: flex; }
.live-badge {
  margin-right: ${d(12)}; padding: 0 ${d(16)}; border-radius: ${d(22)}; background: rgba(0, 0, 0, 0.4);
  color: #fff; font-size: ${d(22)}; font-weight: 600; line-height: ${d(44)};
}
.live-card__body { padding: ${d(24)} ${d(28)} ${d(28)}; }
.live-card__theme { display: block; font-size: ${d(32)}; font-weight: 600; line-height: 1.4; }
.live-page .live-card__theme { font-size: ${d(40)}; }
.live-card__when, .live-card__countdown, .live-card__stale {
  display: block; margin-top: ${d(12)}; font-size: ${d(26)}; color: #4e5969;
}
.live-card__meta { display: flex; flex-wrap: wrap; margin-top: ${d(12)}; }
.live-card__meta-item { margin-right: ${d(24)}; font-size: ${d(24)}; line-height: 1.6; color: #646c78; }
.live-card__action {
  margin-top: ${d(24)}; border-radius: ${d(46)}; background: #058844; color: #fff; font-size: ${d(32)};
  font-weight: 600; line-height: ${d(92)}; text-align: center;
}
.live-page__section { margin-top: ${d(28)}; padding: ${d(28)}; border-radius: ${d(24)}; background: #fff; }
.live-page__section-title { display: block; margin-bottom: ${d(16)}; font-size: ${d(30)}; font-weight: 600; }
.live-page__description {
  display: block; font-size: ${d(28)}; line-height: 1.7; color: #4e5969; white-space: pre-wrap;
}
`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A `<span class>` holding `text`, escaped; nothing when there is no text. */
const line = (className: string, text: string | undefined) =>
  text ? `<span class="${className}">${escapeHtml(text)}</span>` : '';

/**
 * The static baseline of one page: an HTML document holding the words of the page's first card inside a wrapper
 * with the page's class (so the bench's first-card selector matches it), styled by one inline `<style>`, with no
 * script, image or web font. The fastest a browser can paint those words from one document.
 */
export function staticCardPage(wrapper: PageWrapper, words: CardWords): string {
  const { cover, description } = words;
  const card = [
    `<div class="live-card">`,
    `<div class="live-cover" style="background-image: ${escapeHtml(cover.background)}">`,
    line('live-cover__glyph', cover.glyph),
    `<div class="live-cover__badges">${words.badges.map((badge) => line('live-badge', badge)).join('')}</div>`,
    `</div>`,
    `<div class="live-card__body">`,
    line('live-card__theme', words.theme),
    line('live-card__when', words.when),
    line('live-card__countdown', words.countdown),
    `<div class="live-card__meta">${words.meta.map((part) => line('live-card__meta-item', part)).join('')}</div>`,
    line('live-card__stale', words.stale),
    `<div class="live-card__action">${escapeHtml(words.action)}</div>`,
    `</div>`,
    `</div>`,
  ];
  const section = description
    ? [
        `<div class="live-page__section">`,
        line('live-page__section-title', description.title),
        line('live-page__description', description.text),
        `</div>`,
      ]
    : [];
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover" />',
    '<title>直播</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<div class="page ${wrapper}">`,
    ...card,
    ...section,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export interface StaticPagesServer {
  /** `http://127.0.0.1:PORT`; a page's URL is this plus the same path (and query) as the app's page. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves `pages` (HTML by URL path, the query ignored) over HTTP on loopback, so a static page's visit pays the
 * same connection and round trips as the app's document, also with the bench's latency emulation.
 */
export async function serveStaticPages(pages: ReadonlyMap<string, string>): Promise<StaticPagesServer> {
  const server: Server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (html === undefined || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    const body = Buffer.from(html);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
    });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
