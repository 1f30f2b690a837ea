import { startSandbox, type Harness } from '../sandbox-harness';

describe('sns/oauth2/access_token', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it('trades a code for {access_token, expires_in, refresh_token, openid, scope}, with no errcode, as text/plain', async () => {
    const code = await h.oauthCode('alice');
    const answer = await h.oauthToken({ code });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/plain');
    expect(answer.json).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{100,}$/),
      expires_in: 7200,
      refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{100,}$/),
      openid: h.sandbox.oauth.openidForUser('alice'),
      scope: 'snsapi_base',
    });
    expect(answer.json?.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(answer.json?.access_token).not.toBe(answer.json?.refresh_token);
    expect(h.sandbox.callsTo('sns/oauth2/access_token')[0]?.errcode).toBe(0);
  });

  it('echoes the scope the code was granted for', async () => {
    const res = await h.authorize({ scope: 'snsapi_userinfo' });
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    expect((await h.oauthToken({ code })).json?.scope).toBe('snsapi_userinfo');
  });

  it('answers 40163 to a code used before (codes are single-use)', async () => {
    const code = await h.oauthCode();
    expect((await h.oauthToken({ code })).json?.openid).toBe(h.sandbox.oauth.openidForUser('viewer'));
    const again = await h.oauthToken({ code });
    expect(again.json).toEqual({
      errcode: 40163,
      errmsg: expect.stringMatching(/^code been used, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
    });
  });

  it('answers 40029 once a code is five minutes old, and only then', async () => {
    const code = await h.oauthCode();
    const late = await h.oauthCode();
    h.clock.advance(299_999);
    expect((await h.oauthToken({ code })).json?.errcode).toBeUndefined();
    h.clock.advance(1);
    expect((await h.oauthToken({ code: late })).json?.errcode).toBe(40029);
  });

  it('honours oauthCodeTtlSeconds', async () => {
    await h.close();
    h = await startSandbox({ oauthCodeTtlSeconds: 10 });
    const code = await h.oauthCode();
    h.clock.advance(10_000);
    expect((await h.oauthToken({ code })).json?.errcode).toBe(40029);
  });

  it('gives each user one openid per app, unlike the mini program’s', async () => {
    const { openidForUser } = h.sandbox.oauth;
    const alice = (await h.oauthToken({ code: await h.oauthCode('alice') })).json?.openid;
    expect((await h.oauthToken({ code: await h.oauthCode('alice') })).json?.openid).toBe(alice);
    expect((await h.oauthToken({ code: await h.oauthCode('bob') })).json?.openid).not.toBe(alice);
    expect(openidForUser('alice')).toBe(alice);
    expect(openidForUser('alice')).not.toBe(h.sandbox.wechat.openidForCode('alice-1'));
    await h.close();
    h = await startSandbox({ mpAppId: 'wx0123456789abcdef' });
    expect(h.sandbox.oauth.openidForUser('alice')).not.toBe(alice);
    expect((await h.oauthToken({ code: await h.oauthCode('alice') })).json?.openid).toBe(
      h.sandbox.oauth.openidForUser('alice'),
    );
  });

  it.each([
    ['a code never issued', { code: 'A'.repeat(32) }, 40029],
    ['no code', { code: '' }, 41008],
    ["the mini program's app id", { appid: 'wx3c9e1a7b5d2f4680' }, 40013],
    ["the mini program's secret", { secret: '5a1d9c3e7b2f40686e8a0c4b2d1f3e57' }, 40125],
    ['no app id', { appid: '' }, 41002],
    ['no secret', { secret: '' }, 41004],
    ['a wrong grant_type', { grant_type: 'client_credential' }, 40002],
  ])('answers %s with %i and does not use the code up', async (_name, query, errcode) => {
    const code = await h.oauthCode();
    const answer = await h.oauthToken({ code, ...query });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ errcode, errmsg: expect.stringMatching(/, rid: /) });
    expect(h.sandbox.secrets()).toHaveLength(3);
    expect((await h.oauthToken({ code })).json?.openid).toEqual(expect.any(String));
  });

  it('accepts only GET', async () => {
    const code = await h.oauthCode();
    const answer = await h.request(
      `/sns/oauth2/access_token?appid=${h.sandbox.credentials.mpAppId}&secret=${h.sandbox.credentials.mpSecret}&code=${code}&grant_type=authorization_code`,
      { method: 'POST', body: {} },
    );
    expect(answer.json?.errcode).toBe(43001);
  });
});
