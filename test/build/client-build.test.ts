/**
 * Checks on the client builds in dist/ (`npm test` runs `npm run build` first): both pages are there, each
 * platform got its own launch variant, and nothing secret or server-only made it into code shipped to phones.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SANDBOX_CREDENTIALS } from '../../sandbox';

const ROOT = join(__dirname, '../..');
const BUILDS = { weapp: join(ROOT, 'dist/weapp'), h5: join(ROOT, 'dist/h5') };

/** Server-side endpoints and fields that have no business in a client bundle. */
const SERVER_ONLY = ['corpsecret', 'jscode2session', 'session_key', 'sns/oauth2/access_token', 'cgi-bin/gettoken'];
/** Every secret the sandbox accepts (WeCom app, mini program, service account): any key naming a secret. */
const SANDBOX_SECRETS = Object.entries(SANDBOX_CREDENTIALS).filter(([name]) => /secret/i.test(name));

/**
 * Words only the H5 launch variants show (launch-button.h5.tsx, qr-launch.tsx, wechat-launch.tsx,
 * web-view-launch.tsx): the WeCom browser fallback, the QR code for other browsers, WeChat refusing open tags, a
 * foreign web-view. `"请在微信中打开"` is the whole label (also the generic variant's hint, launch-button.tsx); as
 * part of a longer sentence it is the mini program's own `unavailableH5Launcher` message, which belongs there.
 */
const H5_ONLY_WORDS = [
  'wx-open-launch-weapp',
  '企业微信里不能直接打开，请复制链接到微信打开',
  '用微信扫码',
  '也可复制链接，发到微信里打开',
  '复制链接，发到微信里打开；也可用微信扫码',
  '直播二维码：',
  '复制链接',
  '当前微信版本不能从网页打开直播，请升级微信后再试',
  '微信暂时无法从网页打开直播，请刷新后再试',
  '这里不能直接打开直播，请复制链接到微信打开',
  '"请在微信中打开"',
  '打开微信观看',
  '正在打开微信…',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function readBuild(dir: string): Map<string, string> {
  if (!existsSync(dir)) throw new Error(`${relative(ROOT, dir)} is missing: run \`npm run build:client\` first`);
  return new Map(filesUnder(dir).map((file) => [relative(dir, file), readFileSync(file, 'latin1')]));
}

/**
 * The forms `needle` can take in a build read as latin1: its UTF-8 bytes, or `\uXXXX` escapes for every non-ASCII
 * character, which is how the minifier writes Chinese text into the .js files of both builds.
 */
const forms = (needle: string) => [
  Buffer.from(needle, 'utf8').toString('latin1'),
  needle.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
];

const contains = (build: Map<string, string>, needle: string) =>
  [...build]
    .filter(([, text]) => forms(needle).some((form) => text.toLowerCase().includes(form.toLowerCase())))
    .map(([file]) => file);

/** A call of `navigateToMiniProgram` with an object literal, not just the API's name (taro.js lists every wx API). */
const NAVIGATE_CALL = /\.navigateToMiniProgram\(\{\s*appId:/;
const callers = (build: Map<string, string>) =>
  [...build].filter(([, text]) => NAVIGATE_CALL.test(text)).map(([f]) => f);

describe('client builds', () => {
  const weapp = readBuild(BUILDS.weapp);
  const h5 = readBuild(BUILDS.h5);

  it('mini program app.json lists the home and live pages', () => {
    const app = JSON.parse(weapp.get('app.json') ?? '{}') as { pages?: string[] };
    expect(app.pages).toEqual(['pages/index/index', 'pages/live/index']);
    for (const page of app.pages ?? []) {
      for (const ext of ['js', 'json', 'wxml']) expect(weapp.has(`${page}.${ext}`)).toBe(true);
    }
  });

  it('mini program carries the project config for WeChat DevTools', () => {
    const config = JSON.parse(weapp.get('project.config.json') ?? '{}') as { miniprogramRoot?: string; appid?: string };
    expect(config.miniprogramRoot).toBe('./');
    expect(config.appid).toEqual(expect.any(String));
  });

  it('H5 index.html loads content-hashed scripts from /js/', () => {
    const html = h5.get('index.html') ?? '';
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(src).toMatch(/^\/js\/[\w-]+\.[0-9a-f]{8}\.js$/);
    // The app's root is the page's main landmark, and the viewer may zoom (WCAG 1.4.4).
    expect(html).toContain('<div id="app" role="main">');
    expect(html).toMatch(/<meta\s+name="viewport"/);
    expect(html).not.toMatch(/maximum-scale|user-scalable\s*=\s*(no|0)/i);
  });

  it('the mini program’s live page opens the live with navigateToMiniProgram (launch-button.weapp.tsx)', () => {
    // The weapp button lives in the live page's chunk: the one call, beside the button's own retry hint.
    expect(callers(weapp)).toEqual(['pages/live/index.js']);
    expect(contains(weapp, '没能打开直播，请重试')).toEqual(['pages/live/index.js']);
    expect(callers(h5)).toEqual([]);
  });

  it.each(H5_ONLY_WORDS)('%s is in the H5 build only', (words) => {
    // Present in H5, so the needle does match what the minifier wrote; absent from every file of the mini program.
    expect(contains(h5, words).length).toBeGreaterThan(0);
    expect(contains(weapp, words)).toEqual([]);
  });

  it.each([
    ['WeChat’s JS-SDK', 'jWeixin', 'weixin-js-sdk'],
    ['the QR code library', 'Callback required as last argument', 'qrcode'],
  ])('%s is only in H5, in its own lazily loaded chunk', (_name, marker, chunk) => {
    expect(contains(weapp, marker)).toEqual([]);
    const files = contains(h5, marker);
    expect(files).toEqual([expect.stringMatching(new RegExp(`^js/${chunk}\\.[0-9a-f]{8}\\.js$`))]);
    expect(h5.get('index.html')).not.toContain(files[0]);
  });

  it('H5 carries the share card icon at its root', () => {
    expect(h5.get('share-icon.png')?.startsWith('\x89PNG')).toBe(true);
  });

  it.each(SERVER_ONLY)('neither build mentions %s', (needle) => {
    expect(contains(weapp, needle)).toEqual([]);
    expect(contains(h5, needle)).toEqual([]);
  });

  it('knows all three sandbox secrets', () => {
    expect(SANDBOX_SECRETS.map(([name]) => name).sort()).toEqual(['corpSecret', 'miniSecret', 'mpSecret']);
  });

  it.each(SANDBOX_SECRETS)('neither build contains the sandbox’s %s', (_name, secret) => {
    expect(contains(weapp, secret)).toEqual([]);
    expect(contains(h5, secret)).toEqual([]);
  });
});
