import { SANDBOX_LIVES } from '../../../sandbox';
import { startSandbox, type Harness } from '../sandbox-harness';

describe('access token checks on living/* calls', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  const info = (query: Record<string, string>) =>
    h.wecom('living/get_living_info', { query: { livingid: SANDBOX_LIVES.living, ...query } });

  it('accepts a valid token', async () => {
    expect((await info({ access_token: await h.token() })).json?.errcode).toBe(0);
  });

  it('answers 41001 without access_token, and 41001 for an empty one', async () => {
    expect((await info({})).json?.errcode).toBe(41001);
    expect((await info({ access_token: '' })).json?.errcode).toBe(41001);
  });

  it('answers 40014 for a token it never issued', async () => {
    await h.token();
    expect((await info({ access_token: 'not-a-token' })).json?.errcode).toBe(40014);
  });

  it('answers 42001 once the token has expired on the clock', async () => {
    const token = await h.token();
    h.clock.advance(7199 * 1000);
    expect((await info({ access_token: token })).json?.errcode).toBe(0);
    h.clock.advance(1000);
    expect((await info({ access_token: token })).json?.errcode).toBe(42001);
  });

  it('expireAll makes every token answer 42001 and gettoken issue a new one', async () => {
    const token = await h.token();
    h.sandbox.tokens.expireAll();
    expect((await info({ access_token: token })).json?.errcode).toBe(42001);
    const fresh = await h.token();
    expect(fresh).not.toBe(token);
    expect((await info({ access_token: fresh })).json?.errcode).toBe(0);
  });

  it('invalidateAll makes every token answer 40014 and gettoken issue a new one', async () => {
    const token = await h.token();
    h.sandbox.tokens.invalidateAll();
    expect((await info({ access_token: token })).json?.errcode).toBe(40014);
    const fresh = await h.token();
    expect(fresh).not.toBe(token);
    expect((await info({ access_token: fresh })).json?.errcode).toBe(0);
  });

  it('checks the method before the token', async () => {
    const answer = await h.wecom('living/get_living_info', { method: 'POST', body: {}, query: {} });
    expect(answer.json?.errcode).toBe(43001);
  });
});
