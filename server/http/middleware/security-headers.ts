import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { Middleware } from 'koa';
import koaHelmet from 'koa-helmet';
import { isStaffConsolePath } from '../../../shared/paths';
import { SIGN_IN_PAGE_STYLE } from '../../sign-in/sign-in-failed-page';

/**
 * The kinds of answer the BFF gives, each with its own Content-Security-Policy:
 * - `h5`: a page of the viewer app (dist/h5's index.html, for every path of the single-page app);
 * - `staff`: the staff console's page (dist/staff's index.html, below /staff);
 * - `signIn`: the page a sign-in round trip (viewer or staff) ends on when it cannot finish, the only HTML the API
 *   answers (`http/sign-in-answers.ts`);
 * - `api`: everything else — JSON, the H5 and console assets, images, the CSV, 404s and errors. Nothing of these
 *   is a document that runs anything, so its policy allows nothing.
 */
export type AnswerKind = 'h5' | 'staff' | 'signIn' | 'api';

/** HSTS lifetime: one year (browsers and audits want at least 180 days). */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * WeChat's JS-SDK (weixin-js-sdk 1.6.5, bundled from npm, so nothing is loaded from res.wx.qq.com) reports each
 * `wx.config` inside WeChat with an image beacon to this origin (`new Image().src = …/sdk/report?…`). Allowed as an
 * image so the report goes where WeChat expects and does not show up as a violation on every page in WeChat.
 */
const WECHAT_SDK_REPORT = 'https://open.weixin.qq.com';

export interface SecurityHeadersOptions {
  /** `PUBLIC_ORIGIN`: https turns on HSTS and `upgrade-insecure-requests`; its host is where the socket is. */
  publicOrigin: string;
  /** The H5 build served (its index.html's inline scripts are allowed by hash, read once here). */
  h5Dir?: string;
}

export interface SecurityHeaders {
  /** Koa middleware giving every answer the headers of its kind (decided once the answer is known). */
  middleware: Middleware;
  /**
   * The headers of an `api` answer, name and value, as helmet sets them, for the hot card path
   * (`hot-cards.ts`), which answers `GET /api/lives/:id` without Koa and must send what the router sends.
   */
  apiHeaders: ReadonlyArray<readonly [string, string]>;
  /** The Content-Security-Policy of each kind, for tests and documentation. */
  policies: Readonly<Record<AnswerKind, string>>;
}

/**
 * The security headers of every answer, in one place (helmet, through koa-helmet).
 *
 * Every answer: `X-Content-Type-Options: nosniff`, `Referrer-Policy: strict-origin-when-cross-origin` (other sites
 * learn the origin, never a path with a live id or a campaign tag), `X-Frame-Options: DENY` and
 * `frame-ancestors 'none'` (no page of ours runs in another site's frame: a mini program's web-view is a native
 * view, not a frame), helmet's cross-origin headers (CORP `same-origin`; COOP `same-origin` on all but the viewer's
 * pages, see `helmetOptions`), and HSTS for a year
 * when `PUBLIC_ORIGIN` is https (never on an http deployment: it would pin a browser to https that is not there).
 * The Content-Security-Policy depends on the kind of answer (`AnswerKind`); see `policyDirectives`.
 */
export function securityHeaders({ publicOrigin, h5Dir }: SecurityHeadersOptions): SecurityHeaders {
  const h5Index = h5Dir === undefined ? undefined : `${h5Dir}/index.html`;
  const scriptHashes = h5Index && existsSync(h5Index) ? inlineScriptHashes(readFileSync(h5Index, 'utf8')) : [];
  const options = Object.fromEntries(
    (['h5', 'staff', 'signIn', 'api'] as const).map((kind) => [
      kind,
      helmetOptions(kind, publicOrigin, policyDirectives(kind, { publicOrigin, scriptHashes })),
    ]),
  ) as Record<AnswerKind, HelmetOptions>;
  const perKind = Object.fromEntries(Object.entries(options).map(([kind, o]) => [kind, koaHelmet(o)])) as Record<
    AnswerKind,
    Middleware
  >;
  const apiHeaders = headersSetBy(helmet(options.api));
  const policies = Object.fromEntries(
    Object.entries(options).map(([kind, o]) => [kind, headersSetBy(helmet(o)).find(([n]) => n === CSP)![1]]),
  ) as Record<AnswerKind, string>;

  const done = () => Promise.resolve();
  return {
    middleware: async (ctx, next) => {
      await next();
      await perKind[answerKind(ctx.path, ctx.response.is('html') !== false)](ctx, done);
    },
    apiHeaders,
    policies,
  };
}

const CSP = 'Content-Security-Policy';

/** Which policy an answer gets: by what it is (HTML or not) and where it was asked for. */
export function answerKind(path: string, isHtml: boolean): AnswerKind {
  if (!isHtml) return 'api';
  if (isStaffConsolePath(path)) return 'staff';
  if (path.startsWith('/api/')) return 'signIn';
  return 'h5';
}

type Directives = Record<string, string[]>;

/**
 * One Content-Security-Policy per kind of answer. Common to all: `frame-ancestors 'none'`, `object-src 'none'`,
 * `base-uri 'none'`, no `'unsafe-eval'` anywhere, and `upgrade-insecure-requests` on an https origin.
 *
 * - `h5`: scripts from this origin plus the inline scripts of the build's index.html by hash (Taro's template
 *   carries one: it sizes the root font before the app loads); no eval (webpack's `new Function("return this")`
 *   fallback runs only where `globalThis` is missing, inside a try, and falls back to `window`). Styles from this
 *   origin and inline: Taro's router injects `<style>` elements, and the WeChat open tag (a web component) renders
 *   the `<style>` of its `text/wxtag-template` inside the page. Images: this origin, `data:` (the QR code of the
 *   page is a data: SVG) and the JS-SDK's report beacon. Fonts: this origin and `data:` (the CSS of Taro's
 *   components embeds its icon fonts). Connections: this origin (the API) and the event socket
 *   (`ws:`/`wss:` of the public origin, named because older WebKit does not let `'self'` cover it).
 * - `staff`: nothing by default; scripts, styles, images and requests from this origin only (charts draw on a
 *   canvas, downloads are plain links to the API).
 * - `signIn`: nothing at all but its own inline style, by hash.
 * - `api`: nothing at all.
 */
export function policyDirectives(
  kind: AnswerKind,
  { publicOrigin, scriptHashes }: { publicOrigin: string; scriptHashes: string[] },
): Directives {
  const origin = new URL(publicOrigin);
  const https = origin.protocol === 'https:';
  const common: Directives = {
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'object-src': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
  switch (kind) {
    case 'h5':
      return {
        'default-src': ["'self'"],
        'script-src': ["'self'", ...scriptHashes],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', WECHAT_SDK_REPORT],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", `${https ? 'wss' : 'ws'}://${origin.host}`],
        'form-action': ["'self'"],
        ...common,
      };
    case 'staff':
      return {
        'default-src': ["'none'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'"],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        ...common,
      };
    case 'signIn':
      return {
        'default-src': ["'none'"],
        'style-src': [sha256Source(SIGN_IN_PAGE_STYLE)],
        'form-action': ["'none'"],
        ...common,
      };
    case 'api':
      return { 'default-src': ["'none'"], ...common };
  }
}

function helmetOptions(kind: AnswerKind, publicOrigin: string, directives: Directives): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives },
    // Not on the viewer's pages: a page with COOP `same-origin`, opened from a chat or a new tab, makes Chromium
    // start a new browsing context group (a new renderer process) before anything is drawn — measured at about a
    // third of the first card's time on a slow phone (docs/benchmarks.md). What COOP guards against, another
    // window holding a reference to ours, reaches nothing there that the page does not show anyway; the staff
    // console and the sign-in pages keep it.
    crossOriginOpenerPolicy: kind === 'h5' ? false : { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: publicOrigin.startsWith('https:') ? { maxAge: HSTS_MAX_AGE_SECONDS } : false,
  };
}

/**
 * `'sha256-…'` sources for every inline `<script>` of an HTML document (those without `src`), hashed over their
 * exact text as CSP does. Script contents are raw text: a script ends at the first `</script`, whatever its case.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes = '', text = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script/gi)) {
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue;
    hashes.push(sha256Source(text));
  }
  return [...new Set(hashes)];
}

const sha256Source = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The headers a helmet middleware sets, in order (its options are static, so they are the same every time). */
function headersSetBy(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void,
): [string, string][] {
  const set = new Map<string, [string, string]>();
  const recorder = {
    setHeader(name: string, value: string | number) {
      set.set(name.toLowerCase(), [name, String(value)]);
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
    },
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (err) => {
    if (err) throw err;
  });
  return [...set.values()];
}
