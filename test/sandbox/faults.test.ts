import { SANDBOX_LIVES } from '../../sandbox';
import { eachSandboxWithToken, type Harness } from './sandbox-harness';

describe('faults', () => {
  let h: Harness;
  let token: string;
  eachSandboxWithToken((next) => ({ h, token } = next));

  const info = () =>
    h.wecom('living/get_living_info', { query: { access_token: token, livingid: SANDBOX_LIVES.living } });
  const login = (code: string) => h.login({ js_code: code });

  describe('failNext', () => {
    it('answers HTTP 200 {errcode, errmsg} for the next `count` calls of that API only', async () => {
      h.sandbox.faults.failNext('living/get_living_info', -1, 2);
      const first = await info();
      expect(first.status).toBe(200);
      expect(first.json).toEqual({ errcode: -1, errmsg: expect.stringMatching(/^system busy, hint: /) });
      expect((await info()).json?.errcode).toBe(-1);
      expect((await info()).json?.errcode).toBe(0);
      expect(h.sandbox.callsTo('living/get_living_info').map((c) => c.errcode)).toEqual([-1, -1, 0]);
    });

    it('leaves other APIs alone and targets every API with *', async () => {
      h.sandbox.faults.failNext('gettoken', 40001);
      expect((await info()).json?.errcode).toBe(0);
      h.sandbox.faults.clear();
      h.sandbox.faults.failNext('*', 45033, 2);
      expect((await info()).json?.errcode).toBe(45033);
      expect((await login('code-1')).json?.errcode).toBe(45033);
      expect((await info()).json?.errcode).toBe(0);
    });

    it('words WeChat failures the WeChat way', async () => {
      h.sandbox.faults.failNext('sns/jscode2session', 40226);
      expect((await login('code-1')).json).toEqual({ errcode: 40226, errmsg: expect.stringMatching(/, rid: /) });
    });
  });

  it('httpStatus answers that status with a body that is not JSON', async () => {
    h.sandbox.faults.httpStatus('living/get_living_info', 502);
    const answer = await info();
    expect(answer.status).toBe(502);
    expect(answer.json).toBeUndefined();
    expect(answer.text).toContain('502 Bad Gateway');
    expect((await info()).status).toBe(200);
    expect(h.sandbox.callsTo('living/get_living_info')[0]?.errcode).toBeNull();
  });

  it('drop destroys the socket without an answer', async () => {
    h.sandbox.faults.drop('living/get_living_info');
    await expect(info()).rejects.toThrow('fetch failed');
    expect((await info()).json?.errcode).toBe(0);
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(2);
  });

  it('latency delays every call of that API until cleared', async () => {
    h.sandbox.faults.latency('living/get_living_info', 150);
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      expect((await info()).json?.errcode).toBe(0);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    }
    const started = performance.now();
    await login('code-1');
    expect(performance.now() - started).toBeLessThan(140);
    h.sandbox.faults.clear();
    const after = performance.now();
    await info();
    expect(performance.now() - after).toBeLessThan(140);
  });

  it('down drops every call until up, while the control endpoints keep answering', async () => {
    h.sandbox.faults.down();
    await expect(info()).rejects.toThrow('fetch failed');
    await expect(login('code-1')).rejects.toThrow('fetch failed');
    expect((await h.request('/__sandbox/lives')).status).toBe(200);
    h.sandbox.faults.up();
    expect((await info()).json?.errcode).toBe(0);
  });

  it('clear removes pending one-shot faults and brings the sandbox up', async () => {
    h.sandbox.faults.failNext('*', -1, 5);
    h.sandbox.faults.down();
    h.sandbox.faults.clear();
    expect((await info()).json?.errcode).toBe(0);
  });

  describe('on the service account APIs', () => {
    it('failNext shows the authorize error page with that code instead of redirecting', async () => {
      h.sandbox.faults.failNext('connect/oauth2/authorize', 10009);
      const page = await h.authorize();
      expect(page.status).toBe(200);
      expect(page.headers.get('location')).toBeNull();
      expect(await page.text()).toContain('操作太频繁了，请稍后重试');
      expect((await h.authorize()).status).toBe(302);
      expect(h.sandbox.callsTo('connect/oauth2/authorize').map((c) => c.errcode)).toEqual([10009, 0]);
      expect(h.sandbox.oauth.issuedCodes()).toHaveLength(1);
    });

    it('failNext answers WeChat-worded errors on oauth2/access_token, stable_token and getticket', async () => {
      const code = await h.oauthCode();
      h.sandbox.faults.failNext('sns/oauth2/access_token', -1);
      h.sandbox.faults.failNext('stable_token', 45009);
      h.sandbox.faults.failNext('ticket/getticket', 40001);
      expect((await h.oauthToken({ code })).json).toEqual({
        errcode: -1,
        errmsg: expect.stringMatching(/^system error, rid: /),
      });
      expect((await h.oauthToken({ code })).json?.openid).toEqual(expect.any(String));
      expect((await h.stableToken()).json?.errcode).toBe(45009);
      const mpToken = await h.mpToken();
      const ticket = () => h.wecom('ticket/getticket', { query: { access_token: mpToken, type: 'jsapi' } });
      expect((await ticket()).json?.errcode).toBe(40001);
      expect((await ticket()).json?.errcode).toBe(0);
      expect(h.sandbox.callsTo('stable_token').map((c) => c.errcode)).toEqual([45009, 0]);
      expect(h.sandbox.callsTo('ticket/getticket').map((c) => c.errcode)).toEqual([40001, 0]);
    });

    it('httpStatus and drop reach the new APIs, and * includes them', async () => {
      h.sandbox.faults.httpStatus('connect/oauth2/authorize', 502);
      const gateway = await h.authorize();
      expect(gateway.status).toBe(502);
      expect(await gateway.text()).toContain('502 Bad Gateway');
      h.sandbox.faults.drop('stable_token');
      await expect(h.stableToken()).rejects.toThrow('fetch failed');
      h.sandbox.faults.failNext('*', -1, 4);
      expect((await h.authorize()).status).toBe(200);
      expect((await h.oauthToken({ code: 'x'.repeat(32) })).json?.errcode).toBe(-1);
      expect((await h.stableToken()).json?.errcode).toBe(-1);
      expect((await h.wecom('ticket/getticket', { query: {} })).json?.errcode).toBe(-1);
      expect((await h.stableToken()).json?.errcode).toBeUndefined();
    });
  });

  it('rejects nonsense faults', () => {
    expect(() => h.sandbox.faults.failNext('*', 0)).toThrow(RangeError);
    expect(() => h.sandbox.faults.httpStatus('*', 99)).toThrow(RangeError);
    expect(() => h.sandbox.faults.drop('*', 0)).toThrow(RangeError);
    expect(() => h.sandbox.faults.latency('*', -1)).toThrow(RangeError);
  });
});
