import { SANDBOX_STAFF_MEMBER } from '../../../../sandbox';
import { startSandbox, type Harness } from '../../sandbox-harness';

describe('auth/getuserinfo', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it("trades a member's code for {errcode: 0, errmsg: 'ok', userid}, as WeCom's JSON", async () => {
    const answer = await h.getUserInfo({ code: h.sandbox.members.codeFor('lifang') });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; charset=UTF-8');
    expect(answer.json).toEqual({ errcode: 0, errmsg: 'ok', userid: 'lifang' });
    expect(h.sandbox.callsTo('auth/getuserinfo')).toEqual([
      expect.objectContaining({ method: 'GET', path: '/cgi-bin/auth/getuserinfo', errcode: 0 }),
    ]);
  });

  it("trades a non-member's code for an openid and no userid", async () => {
    const answer = await h.getUserInfo({ code: h.sandbox.members.codeFor('external') });
    const openid = h.sandbox.members.openidFor('external');
    expect(openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(answer.json).toEqual({ errcode: 0, errmsg: 'ok', openid });
  });

  it("adds an external_userid for one of the corp's customers", async () => {
    const answer = await h.getUserInfo({ code: h.sandbox.members.codeFor('customer1') });
    expect(answer.json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      openid: h.sandbox.members.openidFor('customer1'),
      external_userid: h.sandbox.members.externalUseridFor('customer1'),
    });
    expect(answer.json?.external_userid).toMatch(/^wm/);
    expect(h.sandbox.members.externalUseridFor('external')).toBeUndefined();
    expect(h.sandbox.members.externalUseridFor(SANDBOX_STAFF_MEMBER)).toBeUndefined();
  });

  it('gives one outsider one openid across logins, and two outsiders two', async () => {
    const openid = async (person: string) =>
      (await h.getUserInfo({ code: h.sandbox.members.codeFor(person) })).json?.openid;
    expect(await openid('external')).toBe(await openid('external'));
    expect(await openid('external')).not.toBe(await openid('visitor'));
    expect(() => h.sandbox.members.openidFor('zhaomin')).toThrow(RangeError);
  });

  it('answers 40029 for a code used before: codes are single-use', async () => {
    const code = h.sandbox.members.codeFor('zhaomin');
    expect((await h.getUserInfo({ code })).json?.userid).toBe('zhaomin');
    const again = await h.getUserInfo({ code });
    expect(again.json?.errcode).toBe(40029);
    expect(again.json?.errmsg).toMatch(/^invalid code, hint: \[.+\], from ip: .+, more info at https:\/\/open\.work/);
    expect(again.json).not.toHaveProperty('userid');
    expect(h.sandbox.callsTo('auth/getuserinfo').map((c) => c.errcode)).toEqual([0, 40029]);
  });

  it('answers 40029 once a code is five minutes old', async () => {
    const fresh = h.sandbox.members.codeFor('zhaomin');
    const old = h.sandbox.members.codeFor('zhaomin');
    h.clock.advance(299_000);
    expect((await h.getUserInfo({ code: fresh })).json?.errcode).toBe(0);
    h.clock.advance(1_000);
    expect((await h.getUserInfo({ code: old })).json?.errcode).toBe(40029);
  });

  it('takes its code lifetime from wecomCodeTtlSeconds', async () => {
    await h.close();
    h = await startSandbox({ wecomCodeTtlSeconds: 10 });
    const code = h.sandbox.members.codeFor('zhaomin');
    h.clock.advance(10_000);
    expect((await h.getUserInfo({ code })).json?.errcode).toBe(40029);
  });

  it.each([
    ['a code it never issued', 'eh3CZBgG333qs9EdaPbCAP1VaOrjuNkiAZHTWgaWsZQ'],
    ["a WeChat service-account code (another platform's)", 'wechat'],
  ])('answers 40029 for %s', async (_case, code) => {
    const wechatCode = code === 'wechat' ? await h.oauthCode() : code;
    expect((await h.getUserInfo({ code: wechatCode })).json?.errcode).toBe(40029);
  });

  it('answers 41008 without a code, or with an empty one', async () => {
    expect((await h.getUserInfo({})).json?.errcode).toBe(41008);
    expect((await h.getUserInfo({ code: '' })).json?.errcode).toBe(41008);
  });

  it('answers 43001 to a POST, before looking at the token or the code, and keeps the code', async () => {
    const code = h.sandbox.members.codeFor('zhaomin');
    const post = await h.wecom('auth/getuserinfo', { method: 'POST', query: { code }, body: {} });
    expect(post.json?.errcode).toBe(43001);
    expect((await h.getUserInfo({ code })).json?.userid).toBe('zhaomin');
  });

  it.each([
    ['no access_token', undefined, 41001],
    ['a token it never issued', 'not-a-token', 40014],
  ])('answers %s with %s, and keeps the code', async (_case, token, errcode) => {
    const code = h.sandbox.members.codeFor('zhaomin');
    const query: Record<string, string> = token === undefined ? { code } : { code, access_token: token };
    expect((await h.wecom('auth/getuserinfo', { query })).json?.errcode).toBe(errcode);
    expect((await h.getUserInfo({ code })).json?.userid).toBe('zhaomin');
  });

  it('answers 42001 with an expired token', async () => {
    const token = await h.token();
    h.sandbox.tokens.expireAll();
    const code = h.sandbox.members.codeFor('zhaomin');
    expect((await h.getUserInfo({ access_token: token, code })).json?.errcode).toBe(42001);
  });

  it('exempts calls with a valid code from the minute limit, as WeCom documents', async () => {
    await h.close();
    h = await startSandbox({ rateLimitPerMinute: 2 });
    const token = await h.token();
    const errcodes: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const code = h.sandbox.members.codeFor('zhaomin');
      errcodes.push((await h.getUserInfo({ access_token: token, code })).json?.errcode);
    }
    expect(errcodes).toEqual([0, 0, 0, 0, 0]);
  });

  it('counts calls with a bad code against the minute limit (45009 once it is spent, even for a good code next)', async () => {
    await h.close();
    h = await startSandbox({ rateLimitPerMinute: 2 });
    const token = await h.token();
    const errcodes: unknown[] = [];
    for (let i = 0; i < 3; i++)
      errcodes.push((await h.getUserInfo({ access_token: token, code: 'forged' })).json?.errcode);
    expect(errcodes).toEqual([40029, 40029, 45009]);
    const good = await h.getUserInfo({ access_token: token, code: h.sandbox.members.codeFor('zhaomin') });
    expect(good.json?.userid).toBe('zhaomin');
  });

  it('answers a failNext fault with a WeCom error body', async () => {
    h.sandbox.faults.failNext('auth/getuserinfo', -1);
    const answer = await h.getUserInfo({ code: h.sandbox.members.codeFor('zhaomin') });
    expect(answer.json).toMatchObject({ errcode: -1, errmsg: expect.stringMatching(/^system busy, hint: /) });
  });
});

describe('sandbox.members', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it('lists every code issued, from the pages and from codeFor, and reset() forgets them', async () => {
    const direct = h.sandbox.members.codeFor('zhangwei');
    const page = new URL((await h.memberAuthorize()).headers.get('location') ?? '').searchParams.get('code');
    expect(h.sandbox.members.issuedCodes()).toEqual([direct, page]);
    h.sandbox.reset();
    expect(h.sandbox.members.issuedCodes()).toEqual([]);
    expect((await h.getUserInfo({ code: direct })).json?.errcode).toBe(40029);
  });
});

describe('/__sandbox/wecom control endpoints', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it('GET /__sandbox/wecom/members lists the members, the staff member and the non-staff member', async () => {
    const answer = await h.request('/__sandbox/wecom/members');
    expect(answer.json).toMatchObject({
      members: { zhaomin: { name: '赵敏' } },
      staffMember: 'zhaomin',
      nonStaffMember: 'wangqiang',
    });
  });

  it('POST /__sandbox/wecom/codes issues a code, listed by GET and traded by getuserinfo', async () => {
    const issued = await h.request('/__sandbox/wecom/codes', { method: 'POST', body: { userid: 'lifang' } });
    const code = issued.json?.code as string;
    expect((await h.request('/__sandbox/wecom/codes')).json?.codes).toEqual([code]);
    expect((await h.getUserInfo({ code })).json?.userid).toBe('lifang');
  });

  it('PUT|GET|DELETE /__sandbox/wecom/scanner set, show and clear who scans the QR code', async () => {
    expect((await h.request('/__sandbox/wecom/scanner', { method: 'PUT', body: { userid: 'wangqiang' } })).status).toBe(
      200,
    );
    expect((await h.request('/__sandbox/wecom/scanner')).json?.userid).toBe('wangqiang');
    expect(h.sandbox.members.scanner()).toBe('wangqiang');
    expect((await h.request('/__sandbox/wecom/scanner', { method: 'DELETE' })).status).toBe(204);
    expect((await h.request('/__sandbox/wecom/scanner')).json?.userid).toBeNull();
  });

  it.each([
    ['not JSON', '{'],
    ['no userid', '{}'],
    ['an empty userid', '{"userid":" "}'],
    ['an unknown field', '{"userid":"lifang","x":1}'],
  ])('answers 400 to a body that is %s', async (_case, rawBody) => {
    const answer = await h.request('/__sandbox/wecom/scanner', { method: 'PUT', rawBody });
    expect(answer.status).toBe(400);
    expect(answer.json?.error).toBe('bad_request');
  });

  it('are listed on GET /__sandbox', async () => {
    const endpoints = (await h.request('/__sandbox')).json?.endpoints as string[];
    expect(endpoints).toEqual(expect.arrayContaining(['GET|PUT|DELETE /__sandbox/wecom/scanner']));
  });
});
