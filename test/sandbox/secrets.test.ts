import { SANDBOX_CREDENTIALS } from '../../sandbox';
import { startSandbox, type Harness } from './sandbox-harness';

describe('secrets()', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it('starts with the three app secrets and nothing that is not secret', () => {
    expect(SANDBOX_CREDENTIALS.mpAppId).toMatch(/^wx[0-9a-f]{16}$/);
    expect(SANDBOX_CREDENTIALS.mpSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(h.sandbox.secrets()).toEqual([
      SANDBOX_CREDENTIALS.corpSecret,
      SANDBOX_CREDENTIALS.miniSecret,
      SANDBOX_CREDENTIALS.mpSecret,
    ]);
  });

  it('holds every token, session_key, OAuth token and ticket handed out, and reset() forgets them', async () => {
    const wecomToken = await h.token();
    const sessionKey = (await h.login({ js_code: 'alice-1' })).json?.session_key;
    const oauth = (await h.oauthToken({ code: await h.oauthCode('alice') })).json;
    const mpToken = await h.mpToken();
    const ticket = (await h.wecom('ticket/getticket', { query: { access_token: mpToken, type: 'jsapi' } })).json
      ?.ticket;
    const forced = (await h.stableToken({ force_refresh: true })).json?.access_token;

    const handedOut = [wecomToken, sessionKey, oauth?.access_token, oauth?.refresh_token, mpToken, ticket, forced];
    expect(handedOut.every((s) => typeof s === 'string' && s.length >= 20)).toBe(true);
    expect(new Set(h.sandbox.secrets())).toEqual(
      new Set([
        SANDBOX_CREDENTIALS.corpSecret,
        SANDBOX_CREDENTIALS.miniSecret,
        SANDBOX_CREDENTIALS.mpSecret,
        ...handedOut,
      ]),
    );
    expect(h.sandbox.secrets()).not.toContain(oauth?.openid);
    expect(h.sandbox.secrets()).not.toContain(h.sandbox.credentials.mpAppId);

    h.sandbox.reset();
    expect(h.sandbox.secrets()).toHaveLength(3);
    expect(h.sandbox.oauth.issuedCodes()).toEqual([]);
    expect(h.sandbox.mp.issuedTokens()).toEqual([]);
    expect(h.sandbox.mp.issuedTickets()).toEqual([]);
  });

  it('uses the configured secrets', async () => {
    await h.close();
    h = await startSandbox({ corpSecret: 'c'.repeat(43), miniSecret: 'm'.repeat(32), mpSecret: 'p'.repeat(32) });
    expect(h.sandbox.secrets()).toEqual(['c'.repeat(43), 'm'.repeat(32), 'p'.repeat(32)]);
    expect(h.sandbox.credentials).toMatchObject({ mpAppId: SANDBOX_CREDENTIALS.mpAppId, mpSecret: 'p'.repeat(32) });
  });
});
