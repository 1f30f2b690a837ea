import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * Taro build configuration for both targets (`taro build --type weapp|h5`, run from `client/`).
 *
 * This is the only place the client reads the build machine's environment. What the app needs at run time is
 * handed to it through `env`, which Taro turns into `process.env.TARO_APP_*` replacements (read in
 * `src/build-env.ts` only):
 *
 * | variable           | weapp default           | h5 default | meaning                                        |
 * | ------------------ | ----------------------- | ---------- | ---------------------------------------------- |
 * | `TARO_APP_BFF_URL` | `http://localhost:3000` | `''`       | base URL of the BFF; `''` = same origin (H5)   |
 * | `TARO_APP_ID`      | `touristappid`          | —          | mini program appid written into project.config |
 *
 * `TARO_APP_*` values may also come from `client/.env`, `.env.production`, … (Taro loads those itself).
 */
export default defineConfig<'webpack5'>((merge, { command }) => {
  const platform = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';
  const bffUrl = (process.env.TARO_APP_BFF_URL ?? (platform === 'h5' ? '' : 'http://localhost:3000')).replace(
    /\/+$/,
    '',
  );
  if (platform === 'weapp' && process.env.TARO_APP_BFF_URL === undefined && command === 'build') {
    // Fine for WeChat DevTools against `npm start`; a phone cannot reach it, and a release would ship it.
    console.warn(
      '[wecom-live-viewer] TARO_APP_BFF_URL is not set: this mini program build talks to http://localhost:3000',
    );
  }
  if (platform === 'h5' && /^https?:\/\//.test(bffUrl)) {
    // The H5 session is a SameSite cookie sent with same-origin requests, and the BFF answers no CORS.
    console.warn(
      `[wecom-live-viewer] H5 built against another origin (${bffUrl}): serve it from that origin or proxy /api there`,
    );
  }
  const repoRoot = path.resolve(__dirname, '../..');
  // The contract shared with the BFF lives outside `client/`; Taro only compiles `src` unless told.
  const compile = { include: [path.join(repoRoot, 'shared')] };

  // webpack's filesystem cache: a rebuild takes 3 s (weapp) / 5 s (h5) instead of 14 s / 22 s, but writing it makes
  // a cold build slower (h5 ~35 s), so one-shot builds may set TARO_BUILD_CACHE=0. Kept beside the installed
  // packages, where `npm ci` clears it; DefinePlugin values (the BFF URL) are part of webpack's cache keys.
  const cache = {
    enable: command === 'build' && process.env.TARO_BUILD_CACHE !== '0',
    cacheDirectory: path.join(repoRoot, 'node_modules/.cache/taro-webpack'),
    buildDependencies: { config: [__filename, path.join(__dirname, '../babel.config.js')] },
  };

  const base: UserConfigExport<'webpack5'> = {
    projectName: 'wecom-live-viewer',
    date: '2025-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `../dist/${platform}`,
    // One project.config.json, at the repository root (WeChat DevTools opens the root); Taro copies it into
    // dist/weapp with miniprogramRoot './' and TARO_APP_ID as appid when set.
    projectConfigName: '../project.config.json',
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    env: { TARO_APP_BFF_URL: JSON.stringify(bffUrl) },
    defineConstants: {},
    // H5: the WeChat share card's icon, served by the BFF from the build's root (`/share-icon.png`).
    copy: {
      patterns: platform === 'h5' ? [{ from: 'src/assets/share-icon.png', to: '../dist/h5/share-icon.png' }] : [],
      options: {},
    },
    plugins: [],
    cache,
    logger: { quiet: true, stats: false },
    mini: {
      compile,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // No source maps in the package: they would count against the mini program's size limit.
      enableSourceMap: false,
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      // History routing from the site root, so `/pages/live/index?id=…` deep links work (the BFF falls back to
      // index.html). Leave `basename` unset: Taro 4.2.1 renders no page at all with `basename: '/'`.
      router: { mode: 'browser' },
      // Taro's React implementations of View/Text/Button instead of Stencil web components: no Stencil runtime
      // in the first load, and plain DOM under the open tag.
      useHtmlComponents: true,
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      enableSourceMap: false,
      webpackChain(chain) {
        // webpack's generic 244 KiB warning; the real budget is checked by bench/client-size.ts.
        chain.performance.hints(false);
      },
    },
  };
  return merge({}, base);
});
