import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { createApp } from '../../../server/app';
import { startHarness, type Harness } from '../harness';

const CONSOLE_PAGE =
  '<!doctype html><title>直播管理台</title><script type="module" src="/staff/assets/main-ABCD2345.js">';
const VIEWER_PAGE = '<!doctype html><title>直播</title>';

describe('serving the staff console', () => {
  let h: Harness;
  let dir: string;
  let http: ReturnType<typeof supertest>;

  beforeAll(async () => {
    // Builds of both apps, made here, so the test needs no `npm run build`.
    dir = mkdtempSync(join(tmpdir(), 'static-staff-'));
    mkdirSync(join(dir, 'staff/assets'), { recursive: true });
    mkdirSync(join(dir, 'h5'), { recursive: true });
    writeFileSync(join(dir, 'staff/index.html'), CONSOLE_PAGE);
    writeFileSync(join(dir, 'staff/assets/main-ABCD2345.js'), 'export{};');
    writeFileSync(join(dir, 'staff/assets/main-WXYZ6789.css'), 'body{}');
    writeFileSync(join(dir, 'h5/index.html'), VIEWER_PAGE);
    writeFileSync(join(dir, 'secret.txt'), 'outside the build');
    h = await startHarness();
    http = supertest(createApp({ ...h.services, h5Dir: join(dir, 'h5'), staffDir: join(dir, 'staff') }).callback());
  });

  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/staff', '/staff/', '/staff/lives/lvOQpQDgAAEvbQXfglxhhWIfCYgjIwTM/stats', '/staff/lives/new?x=1'])(
    '%s is the console page, never stored, never framed',
    async (path) => {
      const res = await http.get(path).expect(200);
      expect(res.text).toBe(CONSOLE_PAGE);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self';");
      expect(res.headers['x-frame-options']).toBe('DENY');
    },
  );

  it('serves hashed assets for a year', async () => {
    const js = await http.get('/staff/assets/main-ABCD2345.js').expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await http.get('/staff/assets/main-WXYZ6789.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it.each(['/staff/assets/missing-ABCD2345.js', '/staff/favicon.ico', '/staff/index.html.bak'])(
    '%s is 404, not a page of either app',
    async (path) => {
      const res = await http.get(path).expect(404);
      expect(res.text).not.toContain('<title>');
    },
  );

  it('never serves a file outside the build', async () => {
    const res = await http.get('/staff/assets/%2e%2e/%2e%2e/secret.txt');
    expect([403, 404]).toContain(res.status);
    expect(res.text).not.toContain('outside the build');
  });

  it('leaves other paths to the viewer app and the API', async () => {
    expect((await http.get('/staffing').expect(200)).text).toBe(VIEWER_PAGE);
    expect((await http.get('/pages/live/index').expect(200)).text).toBe(VIEWER_PAGE);
    const api = await http.get('/api/staff/me').expect(401);
    expect(api.body.error.code).toBe('SESSION_REQUIRED');
    await http.post('/staff/').expect(404);
  });
});
