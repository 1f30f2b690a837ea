import { startSandbox, type Harness } from '../sandbox-harness';

describe('cgi-bin/ticket/getticket', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox({ jsapiTicketTtlSeconds: 60 });
  });
  afterEach(() => h.close());

  const getticket = (query: Record<string, string>) => h.wecom('ticket/getticket', { query });

  it('answers {errcode: 0, errmsg: ok, ticket, expires_in} with a ticket shaped like a real one', async () => {
    const answer = await getticket({ access_token: await h.mpToken(), type: 'jsapi' });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; encoding=utf-8');
    expect(answer.json).toEqual({ errcode: 0, errmsg: 'ok', ticket: expect.any(String), expires_in: 60 });
    expect(answer.json?.ticket).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(h.sandbox.mp.issuedTickets()).toEqual([answer.json?.ticket]);
  });

  it('returns the same ticket while it is valid, then a new one', async () => {
    const token = await h.mpToken();
    const first = await getticket({ access_token: token, type: 'jsapi' });
    h.clock.advance(59_000);
    expect((await getticket({ access_token: token, type: 'jsapi' })).json).toMatchObject({
      ticket: first.json?.ticket,
      expires_in: 1,
    });
    h.clock.advance(1000);
    const next = await getticket({ access_token: token, type: 'jsapi' });
    expect(next.json).toMatchObject({ errcode: 0, expires_in: 60 });
    expect(next.json?.ticket).not.toBe(first.json?.ticket);
    expect(h.sandbox.mp.issuedTickets()).toEqual([first.json?.ticket, next.json?.ticket]);
  });

  it('is the same ticket after a token renewal (tickets belong to the app, not the token)', async () => {
    const before = await getticket({ access_token: await h.mpToken(), type: 'jsapi' });
    const forced = (await h.stableToken({ force_refresh: true })).json?.access_token as string;
    expect((await getticket({ access_token: forced, type: 'jsapi' })).json?.ticket).toBe(before.json?.ticket);
  });

  it('expireTickets makes the next call hand out a fresh ticket', async () => {
    const token = await h.mpToken();
    const first = (await getticket({ access_token: token, type: 'jsapi' })).json?.ticket;
    h.sandbox.mp.expireTickets();
    const second = (await getticket({ access_token: token, type: 'jsapi' })).json?.ticket;
    expect(second).not.toBe(first);
  });

  it('answers 40001 to a token it never issued, including a WeCom token', async () => {
    await h.mpToken();
    const unknown = await getticket({ access_token: 'not-a-token', type: 'jsapi' });
    expect(unknown.json).toEqual({
      errcode: 40001,
      errmsg: expect.stringMatching(/^invalid credential, access_token is invalid or not latest, rid: /),
    });
    expect((await getticket({ access_token: await h.token(), type: 'jsapi' })).json?.errcode).toBe(40001);
    expect(h.sandbox.mp.issuedTickets()).toEqual([]);
  });

  it('answers 42001 once the token has expired on the clock', async () => {
    const token = await h.mpToken();
    h.clock.advance(7199_000);
    expect((await getticket({ access_token: token, type: 'jsapi' })).json?.errcode).toBe(0);
    h.clock.advance(1000);
    expect((await getticket({ access_token: token, type: 'jsapi' })).json?.errcode).toBe(42001);
  });

  it('answers 41001 without an access_token, or with an empty one', async () => {
    await h.mpToken();
    expect((await getticket({ type: 'jsapi' })).json?.errcode).toBe(41001);
    expect((await getticket({ access_token: '', type: 'jsapi' })).json?.errcode).toBe(41001);
  });

  it.each([
    ['no type', {}],
    ['type=wx_card', { type: 'wx_card' }],
    ['type=JSAPI', { type: 'JSAPI' }],
  ])('answers %s with 40097', async (_name, query) => {
    const answer = await getticket({ access_token: await h.mpToken(), ...query });
    expect(answer.json).toEqual({ errcode: 40097, errmsg: expect.stringMatching(/^invalid args, rid: /) });
    expect(h.sandbox.mp.issuedTickets()).toEqual([]);
  });

  it('accepts only GET', async () => {
    const answer = await h.wecom('ticket/getticket', {
      method: 'POST',
      query: { access_token: await h.mpToken(), type: 'jsapi' },
      body: {},
    });
    expect(answer.json?.errcode).toBe(43001);
  });
});
