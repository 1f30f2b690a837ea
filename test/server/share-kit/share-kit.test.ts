import { PNG } from 'pngjs';
import { SANDBOX_LIVES } from '../../../sandbox';
import { decodeScene } from '../../../shared/mini-program-scene';
import { createSceneAliases } from '../../../server/share-kit/scene-aliases';
import { createMemoryStore } from '../../../server/store/memory-store';
import { SESSION_SECRET, startHarness, type Harness } from '../harness';
import { staffSessionCookie, staffSignIn } from '../sign-in/staff-session';

const STAFF = { agentId: '1000002', userIds: ['zhaomin'], managers: [] as string[], loginBase: '' };
const LIVE = SANDBOX_LIVES.reservedSoon;
const URL_LINK = /^http:\/\/127\.0\.0\.1:\d+\/wxaurl\/[0-9A-Za-z]{12}$/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Share of pixels that are not (near) white: a blank poster has none. */
function inkedShare(png: Buffer): number {
  const { data } = PNG.sync.read(png);
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) inked++;
  return inked / (data.length / 4);
}

describe('share kit for staff', () => {
  let h: Harness;
  let cookie: string;
  const get = (path: string) => h.http.get(path).set('Cookie', cookie);
  /** Binary answers as a Buffer (supertest only buffers text and JSON by itself). */
  const image = (path: string) =>
    get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeEach(async () => {
    h = await startHarness({ config: { staff: STAFF } });
    cookie = await staffSessionCookie(h);
    h.sandbox.resetCalls();
  });
  afterEach(() => h.close());

  it('gives stable links with the campaign tag, the scene and the image URLs', async () => {
    const res = await get(`/api/staff/lives/${LIVE}/share?from=wx-article`).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const theme = h.sandbox.lives.get(LIVE)!.theme;
    expect(res.body).toEqual({
      livingId: LIVE,
      theme,
      from: 'wx-article',
      links: {
        live: `http://live.test/live/${LIVE}?from=wx-article`,
        replay: `http://live.test/live/${LIVE}?replay=1&from=wx-article`,
      },
      scene: expect.stringMatching(/^![0-9A-Za-z]{10}$/),
      images: {
        linkQr: `/api/staff/lives/${LIVE}/link-qr.png?from=wx-article`,
        miniProgramCode: `/api/staff/lives/${LIVE}/mini-program-code.png?from=wx-article`,
        poster: `/api/staff/lives/${LIVE}/poster.png?from=wx-article`,
      },
      urlLinks: { live: expect.stringMatching(URL_LINK), replay: expect.stringMatching(URL_LINK) },
      sms: { live: expect.any(String), replay: expect.any(String) },
      miniProgram: {
        appId: h.sandbox.credentials.miniAppId,
        paths: {
          live: `pages/live/index?id=${LIVE}&from=wx-article`,
          replay: `pages/live/index?id=${LIVE}&replay=1&from=wx-article`,
        },
      },
    });
    // Without a tag, a 32-character id is its own scene.
    const untagged = await get(`/api/staff/lives/${LIVE}/share`).expect(200);
    expect(untagged.body).toMatchObject({ scene: LIVE, links: { live: `http://live.test/live/${LIVE}` } });
    expect(untagged.body.from).toBeUndefined();
    // The tag survives the short link's redirect to the live page.
    const redirect = await h.http.get(new URL(res.body.links.replay as string).pathname + '?replay=1&from=wx-article');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe(`/pages/live/index?id=${LIVE}&replay=1&from=wx-article`);
  });

  it('gives URL Links carrying the tag, and SMS texts with the theme, the start in China time and the link', async () => {
    const { body } = await get(`/api/staff/lives/${LIVE}/share?from=sms-1212`).expect(200);
    const issued = h.sandbox.urlLinks.issued();
    expect(issued.map((l) => [l.url, l.query])).toEqual([
      [body.urlLinks.live, `id=${LIVE}&from=sms-1212`],
      [body.urlLinks.replay, `id=${LIVE}&replay=1&from=sms-1212`],
    ]);
    const info = h.sandbox.lives.get(LIVE)!;
    // The China wall clock of the reserved start, as a date (an SMS is read another day): 12月6日 19:30.
    const china = new Date((info.reserve_start + 8 * 3600) * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const start = `${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`;
    expect(body.sms.live).toBe(`「${info.theme}」${start} 开播，点此观看：${body.urlLinks.live}`);
    expect(body.sms.replay).toBe(`「${info.theme}」直播回放（${start}），点此观看：${body.urlLinks.replay}`);
    // Seen again: the same links, nothing generated.
    const again = await get(`/api/staff/lives/${LIVE}/share?from=sms-1212`).expect(200);
    expect(again.body.urlLinks).toEqual(body.urlLinks);
    expect(h.sandbox.urlLinks.issued()).toHaveLength(2);
  });

  it('says null and puts the stable links in the SMS texts when no URL Link can be made', async () => {
    h.sandbox.urlLinks.setQuota({ perDay: 0 });
    const { body } = await get(`/api/staff/lives/${LIVE}/share`).expect(200);
    expect(body.urlLinks).toEqual({ live: null, replay: null });
    expect(body.sms.live).toMatch(new RegExp(`点此观看：http://live\\.test/live/${LIVE}$`));
    expect(body.sms.replay).toMatch(new RegExp(`点此观看：http://live\\.test/live/${LIVE}\\?replay=1$`));
  });

  it('asks WeChat for the live page code with exactly this body, once per scene', async () => {
    const first = await image(`/api/staff/lives/${LIVE}/mini-program-code.png`).expect(200);
    expect(first.headers['content-type']).toBe('image/png');
    expect((first.body as Buffer).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const calls = h.sandbox.callsTo('wxa/getwxacodeunlimit');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toEqual({
      scene: LIVE,
      page: 'pages/live/index',
      check_path: true,
      env_version: 'release',
      width: 430,
    });
    expect(calls[0]!.errcode).toBe(0);
    // With the mini program's own token, not the service account's.
    const tokens = h.sandbox.callsTo('stable_token');
    expect(tokens.map((c) => (c.body as { appid: string }).appid)).toEqual([h.sandbox.credentials.miniAppId]);

    // A reload and a poster of the same target cost no second call.
    const again = await image(`/api/staff/lives/${LIVE}/mini-program-code.png`).expect(200);
    expect(again.body).toEqual(first.body);
    await image(`/api/staff/lives/${LIVE}/poster.png`).expect(200);
    expect(h.sandbox.callsTo('wxa/getwxacodeunlimit')).toHaveLength(1);

    // Another target is another scene: one more call.
    await image(`/api/staff/lives/${LIVE}/mini-program-code.png?replay=1`).expect(200);
    const replayCall = h.sandbox.callsTo('wxa/getwxacodeunlimit')[1]!;
    expect((replayCall.body as { scene: string }).scene).toMatch(/^![0-9A-Za-z]{10}$/);
  });

  it('resolves the alias of a target the scene cannot carry, the same on a second instance', async () => {
    // A replay of a 32-character id does not fit (ID.r is 34), so it gets an alias.
    await image(`/api/staff/lives/${LIVE}/mini-program-code.png?replay=1&from=poster-a`).expect(200);
    const scene = (h.sandbox.callsTo('wxa/getwxacodeunlimit')[0]!.body as { scene: string }).scene;
    expect(decodeScene(scene)).toMatchObject({ kind: 'alias' });

    const resolved = await h.http.get(`/api/scenes/${encodeURIComponent(scene)}`).expect(200);
    expect(resolved.body).toEqual({ livingId: LIVE, replay: true, from: 'poster-a' });
    // The page receives the scene URL-encoded; either form resolves.
    await h.http.get(`/api/scenes/${scene}`).expect(200);

    // Another instance with the same secret, on its own store, derives the very same alias.
    const other = createSceneAliases({ store: createMemoryStore(), secret: SESSION_SECRET });
    expect(await other.sceneFor({ livingId: LIVE, replay: true, from: 'poster-a' })).toBe(scene);
    const otherSecret = createSceneAliases({ store: createMemoryStore(), secret: `${SESSION_SECRET}-other` });
    expect(await otherSecret.sceneFor({ livingId: LIVE, replay: true, from: 'poster-a' })).not.toBe(scene);
  });

  it('answers scenes: a direct id without the store, 404 for an alias nobody made, 400 for anything else', async () => {
    expect((await h.http.get(`/api/scenes/${LIVE}`).expect(200)).body).toEqual({ livingId: LIVE, replay: false });
    expect((await h.http.get('/api/scenes/lvShort.r').expect(200)).body).toEqual({
      livingId: 'lvShort',
      replay: true,
    });
    const unknown = await h.http.get('/api/scenes/!Ab3dE5gH9k').expect(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    for (const bad of ['!short', 'lv.x', '%E7%9B%B4%E6%92%AD', 'a'.repeat(33)]) {
      const res = await h.http.get(`/api/scenes/${bad}`);
      expect([bad, res.status, res.body.error?.code]).toEqual([bad, 400, 'BAD_REQUEST']);
    }
  });

  it('draws a QR code of the tagged link', async () => {
    const res = await image(`/api/staff/lives/${LIVE}/link-qr.png?from=wx-article`).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(res.body as Buffer);
    expect(png.width).toBeGreaterThan(200);
    expect(inkedShare(res.body as Buffer)).toBeGreaterThan(0.2);
    const other = await image(`/api/staff/lives/${LIVE}/link-qr.png?from=wx-moments`).expect(200);
    expect(other.body).not.toEqual(res.body);
  });

  it('renders a poster: a PNG with ink, that changes with the theme, offered as a download', async () => {
    const res = await image(`/api/staff/lives/${LIVE}/poster.png?from=wx-article`).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="poster-${LIVE}-wx-article.png"`);
    const poster = res.body as Buffer;
    expect(poster.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const { width, height } = PNG.sync.read(poster);
    expect([width, height]).toEqual([750, 1240]);
    expect(inkedShare(poster)).toBeGreaterThan(0.2);

    // Same everything but the theme: the pixels differ, so the theme is drawn (not dropped as an unknown glyph).
    const sameTheme = await image(`/api/staff/lives/${LIVE}/poster.png?from=wx-article`).expect(200);
    expect(sameTheme.body).toEqual(poster);
    h.sandbox.lives.upsert(LIVE, { theme: '另一个主题的直播' });
    await h.services.cards.refresh(LIVE);
    const otherTheme = await image(`/api/staff/lives/${LIVE}/poster.png?from=wx-article`).expect(200);
    expect(otherTheme.body).not.toEqual(poster);
  });

  it('escapes a hostile theme instead of breaking (or scripting) the poster', async () => {
    h.sandbox.lives.upsert(LIVE, {
      theme: '</text><script>alert(1)</script>&amp;',
      description: 'a & b < c "d" \u0001 \'e\' ]]>',
    });
    const res = await image(`/api/staff/lives/${LIVE}/poster.png`).expect(200);
    expect(inkedShare(res.body as Buffer)).toBeGreaterThan(0.2);
    const kit = await get(`/api/staff/lives/${LIVE}/share`).expect(200);
    expect(kit.body.theme).toBe('</text><script>alert(1)</script>&amp;');
  });

  it('refuses a malformed campaign tag, an unknown live, and anyone but staff', async () => {
    for (const path of [
      `/api/staff/lives/${LIVE}/share?from=has%20space`,
      `/api/staff/lives/${LIVE}/poster.png?from=${'x'.repeat(33)}`,
      `/api/staff/lives/${LIVE}/link-qr.png?from=%3Cscript%3E`,
      `/api/staff/lives/${LIVE}/mini-program-code.png?replay=maybe`,
    ]) {
      const res = await get(path);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 400, 'BAD_REQUEST']);
    }
    await get('/api/staff/lives/lvNoSuchLiveAtAll1/share').expect(404);
    await get('/api/staff/lives/lvNoSuchLiveAtAll1/mini-program-code.png').expect(404);
    expect(h.sandbox.callsTo('wxa/getwxacodeunlimit')).toHaveLength(0);

    await h.http.get(`/api/staff/lives/${LIVE}/share`).expect(401);
    const { token } = await h.login();
    await h.http.get(`/api/staff/lives/${LIVE}/poster.png`).set('Authorization', `Bearer ${token}`).expect(401);
    await h.http.get(`/api/staff/lives/${LIVE}/share`).set('Cookie', 'wlv_staff=forged.token.value').expect(401);
    // A member who is not on the staff list gets no session at all.
    const outsider = await staffSignIn(h, 'wangqiang');
    expect(outsider.status).toBe(403);
    expect(String(outsider.headers['set-cookie'] ?? '')).not.toContain('wlv_staff=ey');
  });

  it('says so when the mini program page is not released, and leaks no token', async () => {
    h.sandbox.faults.failNext('wxa/getwxacodeunlimit', 41030);
    const res = await get(`/api/staff/lives/${LIVE}/mini-program-code.png`).expect(503);
    expect(res.body.error.code).toBe('UPSTREAM_MISCONFIGURED');
    const line = h.logs.parsed().find((l) => l.event === 'upstream_misconfigured');
    expect(line).toMatchObject({ api: 'wxa/getwxacodeunlimit', errcode: 41030 });
    for (const secret of h.sandbox.secrets()) {
      expect(h.logs.text()).not.toContain(secret);
      expect(JSON.stringify(res.body)).not.toContain(secret);
    }
    // Nothing was cached: the next request asks again.
    await image(`/api/staff/lives/${LIVE}/mini-program-code.png`).expect(200);
  });

  it('refuses a poster with a clear 503 when no font can draw Chinese', async () => {
    await h.close();
    h = await startHarness({ config: { staff: STAFF, posterFont: '/nonexistent/font.ttc' } });
    cookie = await staffSessionCookie(h);
    const res = await get(`/api/staff/lives/${LIVE}/poster.png`).expect(503);
    expect(res.body.error).toEqual({
      code: 'POSTER_UNAVAILABLE',
      message: 'The poster font /nonexistent/font.ttc (POSTER_FONT) cannot be read',
    });
  });

  it("holds mini program codes back after WeChat's minute limit, with Retry-After", async () => {
    h.sandbox.faults.failNext('wxa/getwxacodeunlimit', 45009);
    const limited = await get(`/api/staff/lives/${LIVE}/poster.png`).expect(503);
    expect(limited.body.error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Held: the next code is not even asked for.
    await get(`/api/staff/lives/${LIVE}/mini-program-code.png?from=other`).expect(503);
    expect(h.sandbox.callsTo('wxa/getwxacodeunlimit')).toHaveLength(1);
  });

  it('refreshes a refused mini program token once and retries', async () => {
    await image(`/api/staff/lives/${LIVE}/mini-program-code.png`).expect(200);
    h.sandbox.mp.invalidateTokens();
    await image(`/api/staff/lives/${LIVE}/mini-program-code.png?from=again`).expect(200);
    expect(h.sandbox.callsTo('wxa/getwxacodeunlimit').map((c) => c.errcode)).toEqual([0, 40001, 0]);
  });
});
