/**
 * Every template (`.wxml`), template script (`.wxs`) and style (`.wxss`) of the built mini program through WeChat's
 * own compilers, wcc and wcsc (from the `miniprogram-compiler` package).
 *
 * What this proves: WeChat's parsers accept the build — tags balance, `{{ }}` expressions and `wx:` attributes parse,
 * `<import>`/`<template is>`/`<wxs src>` references resolve, WXS compiles, every style parses and its `@import`s
 * resolve — and the code wcc generates gives every page a render function that runs.
 * What it does not: these are the 2019–2020 builds the package ships (wcc v0.5vv_20200413, wcsc v0.4me_20190328),
 * not the compiler inside today's WeChat DevTools and base library, so syntax newer than them is not covered
 * (newer WeChat may accept what they refuse, or the reverse); neither knows which components or attributes exist,
 * nor how a style looks on a phone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileWxml,
  compileWxss,
  compilerVersion,
  removeCompilerCopies,
  wxssOutputs,
} from './support/wechat-compilers';
import { assertWeappBuilt, weappFiles } from './support/weapp-build';

const root = assertWeappBuilt();
const files = weappFiles(root);
const byExt = (ext: string) => files.filter((file) => file.endsWith(ext)).sort();
const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as { pages: string[] };

afterAll(removeCompilerCopies);

describe('WeChat’s template compiler (wcc)', () => {
  const wxml = byExt('.wxml');
  const wxs = byExt('.wxs');
  const result = compileWxml(root, wxml, wxs);

  it('compiles every .wxml and .wxs of the build without an error', () => {
    expect(wxml).toEqual(expect.arrayContaining(app.pages.map((page) => `${page}.wxml`)));
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(compilerVersion('wcc', root)).toBe('v0.5vv_20200413_syb_scopedata');
  });

  it('gives every page a render function that runs on the page’s first data', () => {
    // The generated code is what WeChat's webview runs: a `$gwx(path)` lookup of render functions.
    const gwx = new Function(`${result.stdout}; return $gwx;`)() as (path: string) => unknown;
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const page of app.pages) {
        const render = gwx(`./${page}.wxml`) ?? gwx(`${page}.wxml`);
        expect(typeof render).toBe('function');
        // Taro's pages start from `{ root: { cn: [] } }`; the tree below it comes through setData.
        const tree = (render as (data: object, dd: object, global: object) => { tag?: string })(
          { root: { cn: [] } },
          {},
          {},
        );
        expect(tree).toMatchObject({ tag: 'wx-page' });
      }
      expect(warnings).not.toHaveBeenCalled();
    } finally {
      warnings.mockRestore();
    }
  });
});

describe('WeChat’s style compiler (wcsc)', () => {
  const wxss = byExt('.wxss');
  const result = compileWxss(root, wxss);

  it('compiles every .wxss of the build, with lint on, without an error', () => {
    expect(wxss.length).toBeGreaterThan(0);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(compilerVersion('wcsc', root)).toBe('v0.4me_20190328_db');
  });

  it('emits the styles of every page', () => {
    const outputs = wxssOutputs(result.stdout);
    for (const page of app.pages) {
      if (wxss.includes(`${page}.wxss`)) expect(outputs.get(`${page}.wxss`)).toEqual(expect.any(String));
    }
    expect(outputs.get('comm')).toEqual(expect.any(String));
  });
});
