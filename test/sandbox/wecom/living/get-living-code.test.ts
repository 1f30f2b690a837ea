import { SANDBOX_LIVES } from '../../../../sandbox';
import { eachSandboxWithToken, type Harness } from '../../sandbox-harness';

describe('living/get_living_code', () => {
  let h: Harness;
  let token: string;
  const restart = eachSandboxWithToken((next) => ({ h, token } = next));

  const code = (body: unknown, init: { method?: string; rawBody?: string } = {}) =>
    h.wecom('living/get_living_code', { method: 'POST', query: { access_token: token }, body, ...init });

  it('answers a string code that holds +, / and = and is recorded with its live and openid', async () => {
    const answer = await code({ livingid: SANDBOX_LIVES.living, openid: 'oViewer0001' });
    expect(answer.json).toEqual({ errcode: 0, errmsg: 'ok', living_code: expect.any(String) });
    const livingCode = answer.json?.living_code as string;
    expect(livingCode).toContain('+');
    expect(livingCode).toContain('/');
    expect(livingCode).toContain('=');
    expect(h.sandbox.livingCodes.lookup(livingCode)).toEqual({
      code: livingCode,
      livingId: SANDBOX_LIVES.living,
      openid: 'oViewer0001',
      issuedAt: h.clock.now(),
      expiresAt: h.clock.now() + 300_000,
    });
  });

  it('hands out a different random code on every call', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const answer = await code({ livingid: SANDBOX_LIVES.endedReplayReady, openid: 'oViewer0001' });
      const livingCode = answer.json?.living_code as string;
      expect(livingCode).toMatch(/^(?=.*\+)(?=.*\/)[A-Za-z0-9+/]{43}=$/);
      codes.add(livingCode);
    }
    expect(codes.size).toBe(20);
    expect(h.sandbox.livingCodes.issued()).toHaveLength(20);
  });

  it('honours livingCodeTtlSeconds', async () => {
    await restart({ livingCodeTtlSeconds: 60 });
    const livingCode = (await code({ livingid: SANDBOX_LIVES.living, openid: 'o1' })).json?.living_code as string;
    expect(h.sandbox.livingCodes.lookup(livingCode)?.expiresAt).toBe(h.clock.now() + 60_000);
  });

  it('parses the body as JSON even without a Content-Type header', async () => {
    const answer = await code(undefined, { rawBody: JSON.stringify({ livingid: SANDBOX_LIVES.living, openid: 'o1' }) });
    expect(answer.json?.errcode).toBe(0);
  });

  it.each([
    ['an unknown live', { livingid: 'lvOQpQDgAAdoesNotExist000000000', openid: 'o1' }, 40058],
    ['no livingid', { openid: 'o1' }, 40058],
    ['no openid', { livingid: SANDBOX_LIVES.living }, 40058],
    ['an empty openid', { livingid: SANDBOX_LIVES.living, openid: '' }, 40058],
    ['a non-string openid', { livingid: SANDBOX_LIVES.living, openid: 42 }, 40058],
  ])('answers %s with %i', async (_name, body, errcode) => {
    expect((await code(body)).json?.errcode).toBe(errcode);
    expect(h.sandbox.livingCodes.issued()).toEqual([]);
  });

  it.each([
    ['not JSON', 'livingid=x&openid=y'],
    ['empty', ''],
    ['a JSON array', '[]'],
  ])('answers 47001 "data format error" to a body that is %s', async (_name, rawBody) => {
    const answer = await code(undefined, { rawBody });
    expect(answer.json?.errcode).toBe(47001);
    expect(answer.json?.errmsg).toMatch(/^data format error, hint: /);
  });

  it('answers 43002 "require POST method" to a GET', async () => {
    const answer = await h.wecom('living/get_living_code', {
      method: 'GET',
      query: { access_token: token, livingid: SANDBOX_LIVES.living, openid: 'o1' },
    });
    expect(answer.json?.errcode).toBe(43002);
    expect(answer.json?.errmsg).toMatch(/^require POST method/);
  });
});
