/**
 * Issue 17, item 7: every answer of the BFF carries security headers — a Content-Security-Policy for its kind,
 * `frame-ancestors 'none'` and `X-Frame-Options: DENY`, `Referrer-Policy: strict-origin-when-cross-origin`,
 * `nosniff` — and HSTS when (and only when) PUBLIC_ORIGIN is https. Before, the H5 pages, the sign-in pages and the
 * API sent only `nosniff`, and nothing sent HSTS.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { SANDBOX_LIVES } from '../../../sandbox';
import { createApp } from '../../../server/app';
import { STAFF_SIGN_IN_CALLBACK_PATH } from '../../../server/sign-in/staff-sign-in';
import { H5_SIGN_IN_CALLBACK_PATH } from '../../../server/sign-in/viewer-sign-in';
import { startHarness, type Harness } from '../harness';

/** What Taro's template puts inline in dist/h5/index.html (its shape, not its exact text). */
const INLINE_SCRIPT = "!(function(w){w.document.documentElement.style.fontSize='20px'})(window);";
const H5_PAGE = `<!doctype html><html><head><title>直播</title><script>${INLINE_SCRIPT}</script><script defer src="/js/app.1b56229d.js"></script></head><body><div id="app"></div></body></html>`;
const STAFF_PAGE =
  '<!doctype html><title>直播管理台</title><script type="module" src="/staff/assets/main-ABCD2345.js"></script>';

const HALF_A_YEAR_SECONDS = 180 * 24 * 60 * 60;
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** `default-src 'self';script-src …` → { 'default-src': ["'self'"], … }. */
function parseCsp(header: string | undefined): Record<string, string[]> {
  expect(header).toBeDefined();
  return Object.fromEntries(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}

type Answer = { headers: Record<string, string>; text: string };

describe.each([
  { origin: 'https://live.example.com', socket: 'wss://live.example.com', hsts: true },
  { origin: 'http://live.test', socket: 'ws://live.test', hsts: false },
])('security headers with PUBLIC_ORIGIN=$origin', ({ origin, socket, hsts }) => {
  let h: Harness;
  let dir: string;
  let http: ReturnType<typeof supertest>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'security-headers-'));
    mkdirSync(join(dir, 'h5/js'), { recursive: true });
    mkdirSync(join(dir, 'staff/assets'), { recursive: true });
    writeFileSync(join(dir, 'h5/index.html'), H5_PAGE);
    writeFileSync(join(dir, 'h5/js/app.1b56229d.js'), 'console.log(1);');
    writeFileSync(join(dir, 'staff/index.html'), STAFF_PAGE);
    writeFileSync(join(dir, 'staff/assets/main-ABCD2345.js'), 'export{};');
    // `info`: successes are not logged, so the hot card path is on, as in production.
    h = await startHarness({ logLevel: 'info', config: { publicOrigin: origin } });
    http = supertest(createApp({ ...h.services, h5Dir: join(dir, 'h5'), staffDir: join(dir, 'staff') }).callback());
  });

  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What every answer carries, whatever it is. */
  function expectCommonHeaders(res: Answer) {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const csp = parseCsp(res.headers['content-security-policy']);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
    if (hsts) {
      const maxAge = Number(/max-age=(\d+)/.exec(res.headers['strict-transport-security'] ?? '')?.[1]);
      expect(maxAge).toBeGreaterThanOrEqual(HALF_A_YEAR_SECONDS);
    } else {
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    return csp;
  }

  /** An answer that is no document to run: JSON, an asset, a 404, an error. */
  function expectNothingAllowed(res: Answer) {
    const csp = expectCommonHeaders(res);
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['script-src']).toBeUndefined();
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  }

  it('an H5 page allows its own scripts and its inline script by hash, the API and the socket, nothing else', async () => {
    const res = await http.get(`/pages/live/index?id=${SANDBOX_LIVES.living}`).expect(200);
    expect(res.text).toBe(H5_PAGE);
    const csp = expectCommonHeaders(res);
    // No COOP on the viewer's pages: opening one would cost a new browsing context group first (security-headers.ts).
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'", sha256(INLINE_SCRIPT)]);
    expect(csp['script-src-attr']).toEqual(["'none'"]);
    expect(csp['connect-src']).toEqual(["'self'", socket]);
    expect(csp['img-src']).toContain('data:');
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect('upgrade-insecure-requests' in csp).toBe(hsts);
  });

  it('an H5 asset, an API answer, a 404 and a 405 allow nothing', async () => {
    expectNothingAllowed(await http.get('/js/app.1b56229d.js').expect(200));
    expectNothingAllowed(await http.get('/healthz').expect(200));
    expectNothingAllowed(await http.get('/api/lives/lvNoSuchLive999').expect(404));
    expectNothingAllowed(await http.get('/js/missing.0123abcd.js').expect(404));
    expectNothingAllowed(await http.post('/api/lives').expect(405));
  });

  it('an error answer (500) allows nothing', async () => {
    const lookup = jest.spyOn(h.services.cards, 'lookup').mockRejectedValueOnce(new Error('boom'));
    try {
      const res = await http.get(`/api/lives/${SANDBOX_LIVES.reservedSoon}`).expect(500);
      expect(res.body.error.code).toBe('INTERNAL_ERROR');
      expectNothingAllowed(res);
    } finally {
      lookup.mockRestore();
    }
  });

  it('a card from the hot path carries exactly the headers of the router’s answer', async () => {
    const path = `/api/lives/${SANDBOX_LIVES.living}`;
    const viaRouter = await http.get(path).expect(200);
    const lookup = jest.spyOn(h.services.cards, 'lookup');
    try {
      const hot = await http.get(path).expect(200);
      expect(lookup).not.toHaveBeenCalled(); // answered without Koa
      expectNothingAllowed(hot);
      const { date: _d, 'x-request-id': _r, ...routerHeaders } = viaRouter.headers;
      const { date: _d2, 'x-request-id': _r2, ...hotHeaders } = hot.headers;
      expect(hotHeaders).toEqual(routerHeaders);
      expectNothingAllowed(await http.get(path).set('If-None-Match', String(viaRouter.headers.etag)).expect(304));
    } finally {
      lookup.mockRestore();
    }
  });

  it('the staff console page allows only its own scripts, styles, images and requests', async () => {
    const res = await http.get('/staff/lives/new').expect(200);
    expect(res.text).toBe(STAFF_PAGE);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    const csp = expectCommonHeaders(res);
    expect(csp['default-src']).toEqual(["'none'"]);
    for (const directive of ['script-src', 'style-src', 'img-src', 'connect-src']) {
      expect(csp[directive]).toEqual(["'self'"]);
    }
    expectNothingAllowed(await http.get('/staff/assets/main-ABCD2345.js').expect(200));
  });

  it.each([
    ['the viewer’s', H5_SIGN_IN_CALLBACK_PATH],
    ['the staff’s', STAFF_SIGN_IN_CALLBACK_PATH],
  ])('%s sign-in page allows its own inline style and nothing else', async (_who, path) => {
    const res = await http.get(`${path}?code=forged&state=forged`).expect(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.text)?.[1];
    expect(style).toBeDefined();
    const csp = expectCommonHeaders(res);
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['style-src']).toEqual([sha256(style!)]);
    expect(csp['script-src']).toBeUndefined();
    expect(csp['form-action']).toEqual(["'none'"]);
  });
});
