import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_SCREEN_DATA_ID, FIRST_SCREEN_ID, type FirstScreenData } from '../../../shared/first-screen';
import { startAppAfterFirstPaint } from './app-start';
import { htmlText, jsonInScript } from './html-text';

/** The viewer pages that arrive with a first screen. */
export type ShellPage = 'home' | 'live';

/** What one page's HTML says beyond the build's shell. */
export interface ShellFill {
  page: ShellPage;
  /** `<title>`, and the title of link previews. */
  title: string;
  /** The preview's text (`description`, `og:description`). */
  description: string;
  /** The page's own address (`og:url`). */
  url: string;
  /** The first screen's markup (`first-screen-html.ts`). */
  markup: string;
  data: FirstScreenData;
}

export interface H5Shell {
  /** The build's index.html as it is: for pages without a first screen. */
  plain: string;
  /** The page with its first screen, or `undefined` when the build has no stylesheet for it (nothing to draw with). */
  render(fill: ShellFill): string | undefined;
}

/**
 * The root class each page's stylesheet defines. Taro's build splits CSS per page into numbered chunks and writes no
 * manifest, so the first screen finds its page's stylesheet by what it styles.
 */
const PAGE_ROOT_CLASS: Record<ShellPage, string> = { home: '.home__', live: '.live-page__' };

/**
 * The first screen lies over the app's root (`#app`) until the app has drawn the same page under it and removes it
 * (`client/src/hooks/first-screen-handover`). What the app's script injects when it runs, and the first screen
 * needs before: the router's page container (a full-height box that scrolls, line height 1.6) and the layout of
 * Taro's H5 button (a centred flex box as wide as its parent; our classes give it its looks). A box that scrolls
 * and holds nothing focusable (its buttons come alive with the app) takes the keyboard focus itself
 * (`tabindex="0"`), so a keyboard can scroll it too (axe: scrollable-region-focusable).
 */
const FIRST_SCREEN_STYLE =
  `body{margin:0}` +
  `#${FIRST_SCREEN_ID}{position:fixed;inset:0;z-index:1;overflow-x:hidden;overflow-y:scroll;` +
  `background:#f4f5f7;line-height:1.6}` +
  `#${FIRST_SCREEN_ID} .taro-button-core{position:relative;display:flex;align-items:center;justify-content:center;` +
  `box-sizing:border-box;width:100%;overflow:hidden}`;

/**
 * The H5 build's index.html, read once, as a template for pages served with their first screen: the title and link
 * preview of the live, the app's and the page's stylesheets inlined in the head, the app started after the first
 * paint (`app-start.ts`), the drawn markup and its data beside `#app`.
 */
export function loadH5Shell(h5Dir: string, publicOrigin: string): H5Shell | undefined {
  const indexPath = join(h5Dir, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const plain = readFileSync(indexPath, 'utf8');
  const stylesheets = pageStylesheets(h5Dir);
  // The build's own render-blocking stylesheet links (app.css), inlined too: nothing then stands between the HTML and
  // its first paint but the HTML itself.
  let template = plain;
  for (const [link, href] of plain.matchAll(/<link href="(\/css\/[^"]+\.css)" rel="stylesheet">/g)) {
    const file = join(h5Dir, href!);
    if (existsSync(file)) template = template.replace(link, () => inlineStylesheet(href!, readFileSync(file, 'utf8')));
  }
  // The app starts once the first screen is painted (`app-start.ts`).
  const { entryTags, replacement } = startAppAfterFirstPaint(plain);
  entryTags.forEach((tag, i) => (template = template.replace(tag, () => (i === 0 ? replacement : ''))));
  const shareImage = existsSync(join(h5Dir, 'share-icon.png')) ? `${publicOrigin}/share-icon.png` : undefined;
  const app = /<div id="app"[^>]*><\/div>/.exec(plain)?.[0];
  if (!app || !plain.includes('</head>') || !/<title>[^<]*<\/title>/.test(plain))
    return { plain, render: () => undefined };

  return {
    plain,
    render({ page, title, description, url, markup, data }) {
      const stylesheet = stylesheets[page];
      if (!stylesheet) return undefined;
      const meta = [
        ['name', 'description', description],
        ['property', 'og:type', 'website'],
        ['property', 'og:title', title],
        ['property', 'og:description', description],
        ['property', 'og:url', url],
        ...(shareImage ? [['property', 'og:image', shareImage]] : []),
      ]
        .map(([attribute, name, content]) => `<meta ${attribute}="${name}" content="${htmlText(content!)}"/>`)
        .join('');
      const head = `${meta}${stylesheet}<style>${FIRST_SCREEN_STYLE}</style></head>`;
      const body =
        `${app}<div id="${FIRST_SCREEN_ID}" tabindex="0">${markup}</div>` +
        `<script type="application/json" id="${FIRST_SCREEN_DATA_ID}">${jsonInScript(data)}</script>`;
      return template
        .replace(/<title>[^<]*<\/title>/, () => `<title>${htmlText(title)}</title>`)
        .replace('</head>', () => head)
        .replace(app, () => body);
    },
  };
}

/**
 * A stylesheet of the build inlined in the page: a `<style>` rather than a `<link>`, so the first paint waits for no
 * request. `data-href` names the file it holds: the app's chunk loader (mini-css-extract) finds it by that name and
 * does not fetch the file again when the page's code arrives.
 */
const inlineStylesheet = (href: string, css: string) => `<style data-href="${href}">${css}</style>`;

/** Each page's stylesheet in the build, inlined (`inlineStylesheet`), found by the root class it styles. */
function pageStylesheets(h5Dir: string): Partial<Record<ShellPage, string>> {
  const cssDir = join(h5Dir, 'css');
  if (!existsSync(cssDir)) return {};
  const found: Partial<Record<ShellPage, string>> = {};
  for (const file of readdirSync(cssDir)
    .filter((name) => name.endsWith('.css'))
    .sort()) {
    const css = readFileSync(join(cssDir, file), 'utf8');
    for (const page of Object.keys(PAGE_ROOT_CLASS) as ShellPage[]) {
      if (!found[page] && css.includes(PAGE_ROOT_CLASS[page])) found[page] = inlineStylesheet(`/css/${file}`, css);
    }
  }
  return found;
}
