import { PNG } from 'pngjs';
import { startSandbox, type Harness } from '../sandbox-harness';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('wxa/getwxacodeunlimit', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  /** The mini program's own token (stable_token with its app id and secret). */
  async function miniToken(): Promise<string> {
    const { miniAppId, miniSecret } = h.sandbox.credentials;
    const answer = await h.stableToken({ appid: miniAppId, secret: miniSecret });
    const token = answer.json?.access_token;
    if (typeof token !== 'string') throw new Error(`stable_token failed: ${answer.text}`);
    return token;
  }

  async function wxacode(body: unknown, { token, rawBody }: { token?: string; rawBody?: string } = {}) {
    const query = token === undefined ? '' : `?access_token=${encodeURIComponent(token)}`;
    const res = await fetch(`${h.base}/wxa/getwxacodeunlimit${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: rawBody ?? JSON.stringify(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const contentType = res.headers.get('content-type') ?? '';
    const json = contentType.startsWith('image/')
      ? undefined
      : (JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
    return { status: res.status, contentType, bytes, json };
  }

  it('draws a PNG of about the width asked for, for a page of the released mini program', async () => {
    const token = await miniToken();
    const body = {
      scene: 'lvOQpQDgAAEvbQXfglxhhWIfCYgjIwTM',
      page: 'pages/live/index',
      check_path: true,
      env_version: 'release',
      width: 430,
    };
    const answer = await wxacode(body, { token });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('image/png');
    expect(answer.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const png = PNG.sync.read(answer.bytes);
    expect(png.width).toBeGreaterThanOrEqual(400);
    expect(png.width).toBeLessThanOrEqual(460);
    const [call] = h.sandbox.callsTo('wxa/getwxacodeunlimit');
    expect(call).toMatchObject({ method: 'POST', body, errcode: 0 });
  });

  it('keeps the width within 280–1280 (no page named: the home page)', async () => {
    const token = await miniToken();
    const small = PNG.sync.read((await wxacode({ scene: 'a', width: 100 }, { token })).bytes);
    const large = PNG.sync.read((await wxacode({ scene: 'a', width: 5000 }, { token })).bytes);
    expect(small.width).toBeGreaterThanOrEqual(270);
    expect(small.width).toBeLessThanOrEqual(300);
    expect(large.width).toBeGreaterThanOrEqual(1200);
    expect(large.width).toBeLessThanOrEqual(1280);
  });

  it("accepts every one of WeChat's scene characters, and any page without check_path", async () => {
    const token = await miniToken();
    const answer = await wxacode(
      { scene: "!#$&'()*+,/:;=?@-._~", page: 'pages/draft/index', check_path: false },
      { token },
    );
    expect(answer.contentType).toBe('image/png');
  });

  it.each([
    ['no scene', { page: 'pages/live/index' }, 40169],
    ['an empty scene', { scene: '' }, 40169],
    ['a scene of 33 characters', { scene: 'a'.repeat(33) }, 40169],
    ['a scene with a percent sign', { scene: 'id%3D1' }, 40129],
    ['a scene in Chinese', { scene: '直播' }, 40129],
    ['a scene with a space', { scene: 'a b' }, 40129],
    ['a page the mini program does not have', { scene: 'a', page: 'pages/nope/index' }, 41030],
    ['a page with a leading slash', { scene: 'a', page: '/pages/live/index' }, 41030],
    ['a page with a query', { scene: 'a', page: 'pages/live/index?id=1', check_path: false }, 41030],
    ['a scene that is a number', { scene: 42 }, 47001],
    ['check_path as a string', { scene: 'a', check_path: 'true' }, 47001],
    ['width as a string', { scene: 'a', width: '430' }, 47001],
    ['an unknown env_version', { scene: 'a', env_version: 'beta' }, 40097],
  ])('refuses %s with errcode %i, as JSON', async (_name, body, errcode) => {
    const answer = await wxacode(body, { token: await miniToken() });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; encoding=utf-8');
    expect(answer.json).toEqual({ errcode, errmsg: expect.stringMatching(/, rid: /) });
    expect(h.sandbox.callsTo('wxa/getwxacodeunlimit').map((c) => c.errcode)).toEqual([errcode]);
  });

  it('refuses a body that is not JSON with 47001', async () => {
    expect((await wxacode(undefined, { token: await miniToken(), rawBody: 'scene=a' })).json?.errcode).toBe(47001);
  });

  it("checks the token: missing 41001, unknown 40001, expired 42001, the service account's 48001", async () => {
    expect((await wxacode({ scene: 'a' })).json?.errcode).toBe(41001);
    expect((await wxacode({ scene: 'a' }, { token: 'made-up' })).json?.errcode).toBe(40001);
    expect((await wxacode({ scene: 'a' }, { token: await h.mpToken() })).json?.errcode).toBe(48001);
    const token = await miniToken();
    h.sandbox.mp.expireTokens();
    expect((await wxacode({ scene: 'a' }, { token })).json?.errcode).toBe(42001);
    expect((await wxacode({ scene: 'a' }, { token: await miniToken() })).contentType).toBe('image/png');
  });

  it('answers a failNext fault as JSON, then draws again', async () => {
    const token = await miniToken();
    h.sandbox.faults.failNext('wxa/getwxacodeunlimit', 45009);
    expect((await wxacode({ scene: 'a' }, { token })).json?.errcode).toBe(45009);
    expect((await wxacode({ scene: 'a' }, { token })).contentType).toBe('image/png');
  });
});
