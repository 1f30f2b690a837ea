import { SANDBOX_CREDENTIALS, SANDBOX_LIVES } from '../../../sandbox';
import { startSandbox, type Harness } from '../sandbox-harness';

describe('per-API per-corp minute limit (45009)', () => {
  let h: Harness;
  let token: string;
  beforeEach(async () => {
    h = await startSandbox({ rateLimitPerMinute: 3 });
    token = await h.token();
  });
  afterEach(() => h.close());

  const info = () =>
    h.wecom('living/get_living_info', { query: { access_token: token, livingid: SANDBOX_LIVES.living } });
  const errcodes = async (n: number, call: () => ReturnType<typeof info>) => {
    const codes: unknown[] = [];
    for (let i = 0; i < n; i++) codes.push((await call()).json?.errcode);
    return codes;
  };

  it('answers 45009 past the limit for the rest of the minute window, then lets calls through again', async () => {
    expect(await errcodes(5, info)).toEqual([0, 0, 0, 45009, 45009]);
    h.clock.advance(59_000);
    expect(await errcodes(1, info)).toEqual([45009]);
    h.clock.advance(1_000);
    expect(await errcodes(4, info)).toEqual([0, 0, 0, 45009]);
  });

  it('words 45009 as WeCom does', async () => {
    await errcodes(3, info);
    expect((await info()).json?.errmsg).toMatch(/^api freq out of limit, hint: /);
  });

  it('counts each API separately', async () => {
    await errcodes(3, info);
    expect((await info()).json?.errcode).toBe(45009);
    const code = await h.wecom('living/get_living_code', {
      query: { access_token: token },
      body: { livingid: SANDBOX_LIVES.living, openid: 'o1' },
    });
    expect(code.json?.errcode).toBe(0);
  });

  it('limits gettoken per corp too', async () => {
    // beforeEach already made one gettoken call.
    const gettoken = () =>
      h.wecom('gettoken', {
        query: { corpid: SANDBOX_CREDENTIALS.corpId, corpsecret: SANDBOX_CREDENTIALS.corpSecret },
      });
    expect(await errcodes(3, gettoken)).toEqual([0, 0, 45009]);
  });

  it('defaults to WeCom’s 10 000 a minute', async () => {
    await h.close();
    h = await startSandbox();
    token = await h.token();
    expect(await errcodes(20, info)).toEqual(Array(20).fill(0));
  });
});
