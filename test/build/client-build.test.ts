/**
 * Checks on the client builds in dist/ (`npm test` runs `npm run build:client` first): both pages are there, each
 * platform got its own launch variant, and nothing secret or server-only made it into code shipped to phones.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SANDBOX_CREDENTIALS } from '../../server/sandbox';

const ROOT = join(__dirname, '../..');
const BUILDS = { weapp: join(ROOT, 'dist/weapp'), h5: join(ROOT, 'dist/h5') };

/** Server-side endpoints and fields that have no business in a client bundle. */
const SERVER_ONLY = ['corpsecret', 'jscode2session', 'session_key', 'sns/oauth2/access_token', 'cgi-bin/gettoken'];
const SANDBOX_SECRETS = [SANDBOX_CREDENTIALS.corpSecret, SANDBOX_CREDENTIALS.miniSecret];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function readBuild(dir: string): Map<string, string> {
  if (!existsSync(dir)) throw new Error(`${relative(ROOT, dir)} is missing: run \`npm run build:client\` first`);
  return new Map(filesUnder(dir).map((file) => [relative(dir, file), readFileSync(file, 'latin1')]));
}

const contains = (build: Map<string, string>, needle: string) =>
  [...build].filter(([, text]) => text.toLowerCase().includes(needle.toLowerCase())).map(([file]) => file);

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
    expect(html).toContain('<div id="app">');
  });

  it('each platform got its own launch button', () => {
    expect(contains(weapp, 'navigateToMiniProgram').length).toBeGreaterThan(0);
    expect(contains(weapp, 'wx-open-launch-weapp')).toEqual([]);
    expect(contains(h5, 'wx-open-launch-weapp').length).toBeGreaterThan(0);
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

  it('neither build contains the sandbox secrets', () => {
    for (const secret of SANDBOX_SECRETS) {
      expect(contains(weapp, secret)).toEqual([]);
      expect(contains(h5, secret)).toEqual([]);
    }
  });
});
