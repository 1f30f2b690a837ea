import { SANDBOX_CREDENTIALS } from '../../../sandbox';
import { startSandbox, type Harness } from '../sandbox-harness';

describe('sns/jscode2session', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it('answers only {session_key, openid} on success, with no errcode field, as text/plain', async () => {
    const answer = await h.login({ js_code: '0a3Xyz000lKkAQ1Yab300hdBYB4Xyz0Z' });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/plain');
    expect(answer.json).toEqual({
      session_key: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/),
      openid: h.sandbox.wechat.openidForCode('0a3Xyz000lKkAQ1Yab300hdBYB4Xyz0Z'),
    });
    expect(answer.json?.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(h.sandbox.wechat.issuedSessionKeys()).toEqual([answer.json?.session_key]);
    expect(h.sandbox.callsTo('sns/jscode2session')[0]?.errcode).toBe(0);
  });

  it('derives the openid from the code’s part before the first dash, per app', async () => {
    const { openidForCode } = h.sandbox.wechat;
    expect(openidForCode('alice-1')).toBe(openidForCode('alice-2'));
    expect(openidForCode('alice-1')).not.toBe(openidForCode('bobby-1'));
    expect((await h.login({ js_code: 'alice-2' })).json?.openid).toBe(openidForCode('alice-1'));
  });

  it('answers 40163 to a code used before (codes are single-use)', async () => {
    expect((await h.login({ js_code: 'single-use-code' })).json?.openid).toEqual(expect.any(String));
    const again = await h.login({ js_code: 'single-use-code' });
    expect(again.json).toEqual({
      errcode: 40163,
      errmsg: expect.stringMatching(/^code been used, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
    });
    expect(h.sandbox.wechat.issuedSessionKeys()).toHaveLength(1);
  });

  it.each([
    ['a malformed code', { js_code: 'bad code!' }, 40029],
    ['a too short code', { js_code: 'abc' }, 40029],
    ['no code', {}, 41008],
    ['a wrong app id', { js_code: 'code-1', appid: 'wx0000000000000000' }, 40013],
    ['a wrong secret', { js_code: 'code-1', secret: 'nope' }, 40125],
    ['no app id', { js_code: 'code-1', appid: '' }, 41002],
    ['no secret', { js_code: 'code-1', secret: '' }, 41004],
    ['a wrong grant_type', { js_code: 'code-1', grant_type: 'client_credential' }, 40002],
  ])('answers %s with %i and does not use the code up', async (_name, query, errcode) => {
    const answer = await h.login(query);
    expect(answer.status).toBe(200);
    expect(answer.json?.errcode).toBe(errcode);
    expect(answer.json).not.toHaveProperty('openid');
    expect(h.sandbox.wechat.issuedSessionKeys()).toEqual([]);
  });

  it('answers 45011 after 100 logins in a minute for one openid, then recovers', async () => {
    for (let i = 0; i < 100; i++) expect((await h.login({ js_code: `carol-${i}` })).json?.errcode).toBeUndefined();
    expect((await h.login({ js_code: 'carol-100' })).json?.errcode).toBe(45011);
    expect((await h.login({ js_code: 'dave-1' })).json?.errcode).toBeUndefined();
    h.clock.advance(60_000);
    expect((await h.login({ js_code: 'carol-100' })).json?.openid).toBe(h.sandbox.wechat.openidForCode('carol-x'));
  });

  it('uses the configured app credentials', async () => {
    await h.close();
    h = await startSandbox({ miniAppId: 'wx1111111111111111', miniSecret: 'other' });
    expect((await h.login({ js_code: 'code-1' })).json?.openid).toEqual(expect.any(String));
    const withDefaults = await h.login({
      js_code: 'code-2',
      appid: SANDBOX_CREDENTIALS.miniAppId,
      secret: SANDBOX_CREDENTIALS.miniSecret,
    });
    expect(withDefaults.json?.errcode).toBe(40013);
  });
});
