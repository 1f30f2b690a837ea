import { SANDBOX_ANCHORS, SANDBOX_LIVES } from '../../../sandbox';
import { startHarness, type Harness } from '../harness';

/** The exact requests WeCom and WeChat receive: the mature SDKs get some of these wrong. */
describe('upstream calls', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { liveAnchors: [SANDBOX_ANCHORS[0]!] } });
    const { token } = await h.login('exact-calls-code');
    await h.http.get(`/api/lives/${SANDBOX_LIVES.living}`).expect(200);
    await h.http
      .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
      .set('Authorization', `Bearer ${token}`)
      .send({})
      .expect(200);
    await h.http.get('/api/lives').expect(200);
  });
  afterAll(() => h.close());

  const only = (api: Parameters<Harness['sandbox']['callsTo']>[0]) => {
    const calls = h.sandbox.callsTo(api);
    expect(calls.length).toBeGreaterThan(0);
    return calls[0]!;
  };
  const token = () => h.sandbox.tokens.issued()[0];

  it('gettoken: GET with corpid and corpsecret', () => {
    const call = only('gettoken');
    expect(call.method).toBe('GET');
    expect(call.path).toBe('/cgi-bin/gettoken');
    expect(call.query).toEqual({ corpid: h.sandbox.credentials.corpId, corpsecret: h.sandbox.credentials.corpSecret });
  });

  it('get_living_info: GET with the id in the query, no body', () => {
    const call = only('living/get_living_info');
    expect(call.method).toBe('GET');
    expect(call.path).toBe('/cgi-bin/living/get_living_info');
    expect(call.query).toEqual({ livingid: SANDBOX_LIVES.living, access_token: token() });
    expect([null, undefined]).toContain(call.body);
  });

  it('get_living_code: POST {livingid, openid} as JSON, token in the query', () => {
    const call = only('living/get_living_code');
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/cgi-bin/living/get_living_code');
    expect(call.query).toEqual({ access_token: token() });
    expect(call.body).toEqual({
      livingid: SANDBOX_LIVES.living,
      openid: h.sandbox.wechat.openidForCode('exact-calls-code'),
    });
  });

  it('get_user_all_livingid: POST {userid, cursor, limit ≤ 100}', () => {
    const call = only('living/get_user_all_livingid');
    expect(call.method).toBe('POST');
    expect(call.query).toEqual({ access_token: token() });
    expect(call.body).toEqual({ userid: SANDBOX_ANCHORS[0], cursor: '', limit: 100 });
  });

  it('jscode2session: GET with appid, secret, js_code and grant_type', () => {
    const call = only('sns/jscode2session');
    expect(call.method).toBe('GET');
    expect(call.query).toEqual({
      appid: h.sandbox.credentials.miniAppId,
      secret: h.sandbox.credentials.miniSecret,
      js_code: 'exact-calls-code',
      grant_type: 'authorization_code',
    });
  });

  it('URL-encodes a living id in the query', async () => {
    h.sandbox.lives.upsert('lv-Odd_Id-01', { status: 1 });
    await h.http.get('/api/lives/lv-Odd_Id-01').expect(200);
    expect(h.sandbox.callsTo('living/get_living_info').at(-1)?.query.livingid).toBe('lv-Odd_Id-01');
  });
});
