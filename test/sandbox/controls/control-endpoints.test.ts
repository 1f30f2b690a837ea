import { SANDBOX_LIVES } from '../../../sandbox';
import { startSandbox, type Harness } from '../sandbox-harness';

describe('/__sandbox control endpoints', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it('GET /__sandbox/lives lists every live', async () => {
    const answer = await h.request('/__sandbox/lives');
    const lives = answer.json?.lives as Array<{ livingId: string; info: { status: number } }>;
    expect(lives).toHaveLength(h.sandbox.lives.list().length);
    expect(lives.find((l) => l.livingId === SANDBOX_LIVES.living)?.info.status).toBe(1);
  });

  it('PATCH /__sandbox/lives/:id starts a reserved live as the anchor would', async () => {
    h.clock.advance(20 * 60_000);
    const answer = await h.request(`/__sandbox/lives/${SANDBOX_LIVES.reservedSoon}`, {
      method: 'PATCH',
      body: { status: 1, viewer_num: 12 },
    });
    expect(answer.status).toBe(200);
    const info = h.sandbox.lives.get(SANDBOX_LIVES.reservedSoon);
    expect(info).toMatchObject({ status: 1, viewer_num: 12, living_start: h.clock.now() / 1000 });
    expect(answer.json?.info).toEqual(info);
  });

  it('PATCH accepts a showcase name and creates an unknown live with defaults', async () => {
    await h.request('/__sandbox/lives/endedReplayGenerating', { method: 'PATCH', body: { replay_status: 0 } });
    expect(h.sandbox.lives.get(SANDBOX_LIVES.endedReplayGenerating)?.replay_status).toBe(0);
    const created = await h.request('/__sandbox/lives/lvNew', {
      method: 'PATCH',
      body: { theme: '临时加场', status: 1 },
    });
    expect(created.json?.info).toMatchObject({ theme: '临时加场', status: 1, anchor_userid: 'zhangwei' });
  });

  it.each([
    ['an unknown field', { stauts: 1 }],
    ['an undocumented status', { status: 5 }],
    ['a wrongly typed field', { theme: 7 }],
  ])('PATCH refuses %s with 400 and leaves the live alone', async (_name, body) => {
    const before = h.sandbox.lives.get(SANDBOX_LIVES.living);
    const answer = await h.request(`/__sandbox/lives/${SANDBOX_LIVES.living}`, { method: 'PATCH', body });
    expect(answer.status).toBe(400);
    expect(h.sandbox.lives.get(SANDBOX_LIVES.living)).toEqual(before);
  });

  it('POST /__sandbox/faults installs faults and DELETE clears them', async () => {
    const token = await h.token();
    const info = () =>
      h.wecom('living/get_living_info', { query: { access_token: token, livingid: SANDBOX_LIVES.living } });
    expect(
      (
        await h.request('/__sandbox/faults', {
          method: 'POST',
          body: { kind: 'failNext', api: 'living/get_living_info', errcode: 45009 },
        })
      ).status,
    ).toBe(204);
    expect((await info()).json?.errcode).toBe(45009);
    await h.request('/__sandbox/faults', { method: 'POST', body: { kind: 'httpStatus', status: 503, count: 2 } });
    expect((await info()).status).toBe(503);
    await h.request('/__sandbox/faults', { method: 'POST', body: { kind: 'down' } });
    await expect(info()).rejects.toThrow('fetch failed');
    expect((await h.request('/__sandbox/faults', { method: 'DELETE' })).status).toBe(204);
    expect((await info()).json?.errcode).toBe(0);
  });

  it.each([
    ['an unknown kind', { kind: 'explode' }],
    ['an unknown api', { kind: 'drop', api: 'living/nope' }],
    ['failNext without errcode', { kind: 'failNext' }],
    ['a status out of range', { kind: 'httpStatus', status: 700 }],
  ])('POST /__sandbox/faults refuses %s with 400', async (_name, body) => {
    expect((await h.request('/__sandbox/faults', { method: 'POST', body })).status).toBe(400);
  });

  it('GET /__sandbox/calls lists API calls but never control calls', async () => {
    await h.token();
    await h.request('/__sandbox/lives');
    const answer = await h.request('/__sandbox/calls');
    const calls = answer.json?.calls as Array<{ api: string; query: Record<string, string>; errcode: number }>;
    expect(calls).toEqual([
      expect.objectContaining({ api: 'gettoken', method: 'GET', path: '/cgi-bin/gettoken', errcode: 0 }),
    ]);
    expect(calls[0]?.query.corpid).toBe(h.sandbox.credentials.corpId);
    expect(h.sandbox.calls).toHaveLength(1);
  });

  it('records unknown paths as `unknown` calls answered 404 JSON', async () => {
    const answer = await h.request('/cgi-bin/living/get_living_share_info?access_token=x', {
      method: 'POST',
      body: {},
    });
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ error: 'not_found' });
    expect(h.sandbox.calls).toEqual([
      expect.objectContaining({ api: 'unknown', method: 'POST', body: {}, errcode: null }),
    ]);
  });

  it('POST /__sandbox/reset restores lives, tokens, calls and faults', async () => {
    const token = await h.token();
    h.sandbox.lives.remove(SANDBOX_LIVES.living);
    h.sandbox.faults.failNext('*', -1, 10);
    expect((await h.request('/__sandbox/reset', { method: 'POST' })).status).toBe(204);
    expect(h.sandbox.calls).toEqual([]);
    expect(h.sandbox.tokens.issued()).toEqual([]);
    expect(h.sandbox.lives.get(SANDBOX_LIVES.living)?.status).toBe(1);
    const answer = await h.wecom('living/get_living_info', {
      query: { access_token: token, livingid: SANDBOX_LIVES.living },
    });
    expect(answer.json?.errcode).toBe(40014);
  });

  it('POST /__sandbox/faults accepts the service account APIs', async () => {
    const body = { kind: 'failNext', api: 'ticket/getticket', errcode: 40001 };
    expect((await h.request('/__sandbox/faults', { method: 'POST', body })).status).toBe(204);
    const answer = await h.wecom('ticket/getticket', { query: { access_token: await h.mpToken(), type: 'jsapi' } });
    expect(answer.json?.errcode).toBe(40001);
  });

  it('mirrors the oauth and mp handles', async () => {
    const openid = await h.request('/__sandbox/oauth/openid/alice');
    expect(openid.json).toEqual({ user: 'alice', openid: h.sandbox.oauth.openidForUser('alice') });
    const code = await h.oauthCode();
    expect((await h.request('/__sandbox/oauth/codes')).json).toEqual({ codes: [code] });

    const token = await h.mpToken();
    const ticket = () => h.wecom('ticket/getticket', { query: { access_token: token, type: 'jsapi' } });
    const first = (await ticket()).json?.ticket;
    expect((await h.request('/__sandbox/mp/tickets/expire', { method: 'POST' })).status).toBe(204);
    expect((await ticket()).json?.ticket).not.toBe(first);
    expect((await h.request('/__sandbox/mp/tokens/expire', { method: 'POST' })).status).toBe(204);
    expect((await ticket()).json?.errcode).toBe(42001);
    const fresh = await h.mpToken();
    expect((await h.request('/__sandbox/mp/tokens/invalidate', { method: 'POST' })).status).toBe(204);
    expect((await h.wecom('ticket/getticket', { query: { access_token: fresh, type: 'jsapi' } })).json?.errcode).toBe(
      40001,
    );
    expect((await h.request('/__sandbox/secrets')).json).toEqual({ secrets: h.sandbox.secrets() });
    expect(h.sandbox.calls.every((c) => !c.path.startsWith('/__sandbox'))).toBe(true);
  });

  it('unknown control paths are 404 and not recorded', async () => {
    expect((await h.request('/__sandbox/nothing-here')).status).toBe(404);
    expect(h.sandbox.calls).toEqual([]);
  });
});
