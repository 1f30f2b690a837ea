import { SANDBOX_CREDENTIALS } from '../../../sandbox';
import { startSandbox, type Harness } from '../sandbox-harness';

const WECOM_ERRMSG =
  /^.+, hint: \[\d+_\d+_[0-9a-f]{32}\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=\d+$/;

describe('gettoken', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  const gettoken = (query: Record<string, string>) => h.wecom('gettoken', { query });
  const good = { corpid: SANDBOX_CREDENTIALS.corpId, corpsecret: SANDBOX_CREDENTIALS.corpSecret };

  it('issues a long random token for 7200 s as HTTP 200 JSON', async () => {
    const answer = await gettoken(good);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; charset=UTF-8');
    expect(answer.json).toEqual({ errcode: 0, errmsg: 'ok', access_token: expect.any(String), expires_in: 7200 });
    const token = answer.json?.access_token as string;
    expect(token.length).toBeGreaterThan(150);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(h.sandbox.tokens.issued()).toEqual([token]);
  });

  it('returns the same token while it is valid, with the remaining expires_in', async () => {
    const first = await gettoken(good);
    h.clock.advance(1000 * 1000);
    const second = await gettoken(good);
    expect(second.json?.access_token).toBe(first.json?.access_token);
    expect(second.json?.expires_in).toBe(6200);
    expect(h.sandbox.tokens.issued()).toHaveLength(1);
  });

  it('issues a fresh token once the old one has expired', async () => {
    const first = await h.token();
    h.clock.advance(7200 * 1000);
    const second = await gettoken(good);
    expect(second.json?.access_token).not.toBe(first);
    expect(second.json?.expires_in).toBe(7200);
    expect(h.sandbox.tokens.issued()).toEqual([first, second.json?.access_token]);
  });

  it('honours tokenTtlSeconds', async () => {
    await h.close();
    h = await startSandbox({ tokenTtlSeconds: 60 });
    expect((await gettoken(good)).json?.expires_in).toBe(60);
  });

  it.each([
    ['a wrong corp id', { ...good, corpid: 'ww0000000000000000' }, 40013],
    ['a wrong secret', { ...good, corpsecret: 'nope' }, 40001],
    ['no corp id', { corpsecret: good.corpsecret }, 41002],
    ['an empty corp id', { ...good, corpid: '' }, 41002],
    ['no secret', { corpid: good.corpid }, 41004],
  ])('refuses %s with errcode %i, HTTP 200 and a WeCom-style errmsg', async (_name, query, errcode) => {
    const answer = await gettoken(query);
    expect(answer.status).toBe(200);
    expect(answer.json?.errcode).toBe(errcode);
    expect(answer.json?.errmsg).toMatch(WECOM_ERRMSG);
    expect(answer.json).not.toHaveProperty('access_token');
    expect(h.sandbox.tokens.issued()).toEqual([]);
  });

  it('accepts only GET', async () => {
    const answer = await h.wecom('gettoken', { method: 'POST', query: good, body: {} });
    expect(answer.json?.errcode).toBe(43001);
  });
});
