import { createHash } from 'node:crypto';
import { jssdkSignature } from '../../../server/wechat/jssdk-signature';
import { JssdkConfigSchema } from '../../../server/http/schemas/api-schemas';
import { startHarness, type Harness } from '../harness';

describe('JS-SDK signature', () => {
  it("matches WeChat's official example", () => {
    expect(
      jssdkSignature({
        ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
        nonceStr: 'Wm3WZYTPz0wzccnW',
        timestamp: 1414587457,
        url: 'http://mp.weixin.qq.com?params=value',
      }),
    ).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });

  it('signs the URL without its fragment', () => {
    const base = { ticket: 't', nonceStr: 'n', timestamp: 1 };
    expect(jssdkSignature({ ...base, url: 'https://a.test/p?x=1#/route' })).toBe(
      jssdkSignature({ ...base, url: 'https://a.test/p?x=1' }),
    );
  });
});

describe('GET /api/jssdk/config', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ config: { publicOrigin: 'https://live.example.com' } });
  });
  afterEach(() => h.close());

  const config = (url: string) => h.http.get('/api/jssdk/config').query({ url });
  const verify = (body: { nonceStr: string; timestamp: number; signature: string }, ticket: string, url: string) =>
    createHash('sha1')
      .update(`jsapi_ticket=${ticket}&noncestr=${body.nonceStr}&timestamp=${body.timestamp}&url=${url}`)
      .digest('hex') === body.signature;

  it('answers wx.config arguments signed over the page URL without its fragment', async () => {
    const res = await config('https://live.example.com/live/lvABC?replay=1#top').expect(200);
    const body = JssdkConfigSchema.parse(res.body);
    expect(body.appId).toBe(h.sandbox.credentials.mpAppId);
    expect(body.openTagList).toEqual(['wx-open-launch-weapp']);
    expect(body.jsApiList.length).toBeGreaterThan(0);
    expect(Math.abs(body.timestamp - Date.now() / 1000)).toBeLessThan(5);
    const [ticket] = h.sandbox.mp.issuedTickets();
    expect(verify(body, ticket!, 'https://live.example.com/live/lvABC?replay=1')).toBe(true);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.stringify(res.body)).not.toContain(ticket!);
  });

  it.each([
    'https://evil.com/live',
    'http://live.example.com/live',
    'https://live.example.com.evil.com/',
    '/live/lvABC',
    'javascript:alert(1)',
    'https://user:pw@live.example.com/',
  ])('refuses %p with 400', async (url) => {
    const res = await config(url);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_URL');
  });

  it('answers 400 without a url', async () => {
    expect((await h.http.get('/api/jssdk/config')).status).toBe(400);
  });

  it('fetches the service account token (stable_token) and the ticket once for concurrent callers', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => config(`https://live.example.com/p${i}`)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(h.sandbox.callsTo('stable_token')).toHaveLength(1);
    expect(h.sandbox.callsTo('ticket/getticket')).toHaveLength(1);
    const [tokenCall] = h.sandbox.callsTo('stable_token');
    expect(tokenCall).toMatchObject({ method: 'POST' });
    expect(tokenCall?.body).toEqual({
      grant_type: 'client_credential',
      appid: h.sandbox.credentials.mpAppId,
      secret: h.sandbox.credentials.mpSecret,
      force_refresh: false,
    });
    expect(h.sandbox.callsTo('ticket/getticket')[0]?.query).toMatchObject({ type: 'jsapi' });
  });

  it('refreshes the token once and gets a ticket again when WeChat refuses the token', async () => {
    h.sandbox.faults.failNext('ticket/getticket', 40001, 1);
    await config('https://live.example.com/b').expect(200);
    expect(h.sandbox.callsTo('ticket/getticket').map((c) => c.errcode)).toEqual([40001, 0]);
    expect(h.sandbox.callsTo('stable_token')).toHaveLength(2);
  });

  it('gives up with a clear error when the ticket keeps being refused', async () => {
    h.sandbox.faults.failNext('ticket/getticket', 40001, 10);
    const res = await config('https://live.example.com/c');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UPSTREAM_MISCONFIGURED');
    expect(h.sandbox.callsTo('ticket/getticket')).toHaveLength(2);
  });
});
