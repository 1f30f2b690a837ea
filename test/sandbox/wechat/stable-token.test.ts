import { startSandbox, type Harness } from '../sandbox-harness';

describe('cgi-bin/stable_token', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  const ticketWith = (token: string) =>
    h.request(`/cgi-bin/ticket/getticket?access_token=${encodeURIComponent(token)}&type=jsapi`);

  it('issues a long token for 7200 s as {access_token, expires_in} JSON with no errcode', async () => {
    const answer = await h.stableToken();
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; encoding=utf-8');
    expect(answer.json).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{150,512}$/), expires_in: 7200 });
    expect(h.sandbox.mp.issuedTokens()).toEqual([answer.json?.access_token]);
    expect(h.sandbox.tokens.issued()).toEqual([]);
  });

  it('returns the same token in normal mode while it is valid, with the remaining expires_in', async () => {
    const first = await h.mpToken();
    h.clock.advance(1000 * 1000);
    const second = await h.stableToken({ force_refresh: false });
    expect(second.json).toEqual({ access_token: first, expires_in: 6200 });
    expect(h.sandbox.mp.issuedTokens()).toEqual([first]);
  });

  it('renews in the last five minutes, and the old token works until it expires', async () => {
    const first = await h.mpToken();
    h.clock.advance(6900 * 1000 - 1);
    expect(await h.mpToken()).toBe(first);
    h.clock.advance(1);
    const renewed = await h.stableToken();
    expect(renewed.json).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect(renewed.json?.access_token).not.toBe(first);
    expect((await ticketWith(first)).json?.errcode).toBe(0);
    h.clock.advance(300 * 1000);
    expect((await ticketWith(first)).json?.errcode).toBe(42001);
    expect((await ticketWith(renewed.json?.access_token as string)).json?.errcode).toBe(0);
  });

  it('force_refresh rotates the token and the old one stops working at once', async () => {
    const first = await h.mpToken();
    const forced = await h.stableToken({ force_refresh: true });
    expect(forced.json).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    const second = forced.json?.access_token as string;
    expect(second).not.toBe(first);
    expect((await ticketWith(first)).json?.errcode).toBe(40001);
    expect((await ticketWith(second)).json?.errcode).toBe(0);
    expect(await h.mpToken()).toBe(second);
  });

  it('does not refresh again within 30 s of a force refresh', async () => {
    await h.stableToken({ force_refresh: true });
    const current = await h.mpToken();
    h.clock.advance(29_999);
    expect((await h.stableToken({ force_refresh: true })).json?.access_token).toBe(current);
    h.clock.advance(1);
    expect((await h.stableToken({ force_refresh: true })).json?.access_token).not.toBe(current);
  });

  it('answers 45009 to the 21st force refresh of a day, and allows them again the next day', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await h.stableToken({ force_refresh: true })).json?.errcode).toBeUndefined();
      h.clock.advance(30_000);
    }
    const refused = await h.stableToken({ force_refresh: true });
    expect(refused.json).toEqual({ errcode: 45009, errmsg: expect.stringMatching(/^reach max api daily quota limit/) });
    expect(h.sandbox.mp.issuedTokens()).toHaveLength(20);
    expect((await h.stableToken()).json?.access_token).toBe(h.sandbox.mp.issuedTokens()[19]);
    h.clock.advance(86_400_000);
    expect((await h.stableToken({ force_refresh: true })).json?.errcode).toBeUndefined();
  });

  it('expireTokens and invalidateTokens make stable_token hand out a fresh one', async () => {
    const first = await h.mpToken();
    h.sandbox.mp.expireTokens();
    expect((await ticketWith(first)).json?.errcode).toBe(42001);
    const second = await h.mpToken();
    expect(second).not.toBe(first);
    h.sandbox.mp.invalidateTokens();
    expect((await ticketWith(second)).json?.errcode).toBe(40001);
    const third = await h.mpToken();
    expect([first, second]).not.toContain(third);
    expect((await ticketWith(third)).json?.errcode).toBe(0);
  });

  it('honours mpTokenTtlSeconds', async () => {
    await h.close();
    h = await startSandbox({ mpTokenTtlSeconds: 3600 });
    expect((await h.stableToken()).json?.expires_in).toBe(3600);
  });

  it.each([
    ['a wrong app id', { appid: 'wx0000000000000000' }, 40013],
    ["the mini program's app id with the service account's secret", { appid: 'wx3c9e1a7b5d2f4680' }, 40125],
    ['a wrong secret', { secret: 'nope' }, 40125],
    ['no app id', { appid: undefined }, 41002],
    ['no secret', { secret: undefined }, 41004],
    ['a wrong grant_type', { grant_type: 'authorization_code' }, 40002],
    ['no grant_type', { grant_type: undefined }, 40002],
    ['a force_refresh that is not a boolean', { force_refresh: 'true' }, 47001],
  ])('refuses %s with errcode %i', async (_name, body, errcode) => {
    const answer = await h.stableToken(body);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ errcode, errmsg: expect.stringMatching(/, rid: /) });
    expect(h.sandbox.mp.issuedTokens()).toEqual([]);
  });

  it('answers 47001 to a body that is not a JSON object and 43002 to GET', async () => {
    const { mpAppId, mpSecret } = h.sandbox.credentials;
    const form = `grant_type=client_credential&appid=${mpAppId}&secret=${mpSecret}`;
    expect((await h.request('/cgi-bin/stable_token', { method: 'POST', rawBody: form })).json?.errcode).toBe(47001);
    expect((await h.request('/cgi-bin/stable_token', { method: 'POST', body: [] })).json?.errcode).toBe(47001);
    expect((await h.request(`/cgi-bin/stable_token?${form}`)).json?.errcode).toBe(43002);
  });
});
