import { createSandbox, type Sandbox } from '../../../sandbox';
import { isUpstreamError, type UpstreamError } from '../../../server/errors/upstream-error';
import { createLogger } from '../../../server/logging/logger';
import { createMemoryStore } from '../../../server/store/memory-store';
import { createJsonTransport } from '../../../server/upstream/json-transport';
import { createUrlLinkApi } from '../../../server/wechat/url-link-api';
import { createWechatClient } from '../../../server/wechat/wechat-client';
import { logCapture } from '../harness';

describe('wxa/generate_urllink client', () => {
  let sandbox: Sandbox;
  let base: string;
  beforeEach(async () => {
    sandbox = createSandbox();
    base = await sandbox.listen();
  });
  afterEach(() => sandbox.close());

  function api({ appId = sandbox.credentials.miniAppId, secret = sandbox.credentials.miniSecret } = {}) {
    const logs = logCapture();
    const wechat = createWechatClient({
      appId,
      secret,
      apiBase: base,
      transport: createJsonTransport({ timeoutMs: 1000 }),
      store: createMemoryStore(),
      logger: createLogger({ level: 'debug', destination: logs.stream }),
      policy: { backoff: { baseMs: 5, maxMs: 20 } },
    });
    return { generate: createUrlLinkApi({ wechat }), logs };
  }

  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a failure');
      },
      (err: unknown) => {
        if (!isUpstreamError(err)) throw err;
        return err as UpstreamError;
      },
    );

  it('sends exactly this body with the mini program token, and answers the link', async () => {
    const url = await api().generate({ page: 'pages/live/index', query: 'id=lv1&replay=1&from=sms', days: 30 });
    expect(url).toBe(sandbox.urlLinks.issued()[0]!.url);
    const [call] = sandbox.callsTo('wxa/generate_urllink');
    expect(call!.method).toBe('POST');
    expect(call!.query.access_token).toBe(sandbox.mp.issuedTokens()[0]);
    expect(call!.body).toEqual({
      path: 'pages/live/index',
      query: 'id=lv1&replay=1&from=sms',
      env_version: 'release',
      expire_type: 1,
      expire_interval: 30,
    });
  });

  it('refreshes a token WeChat dropped (40001) and sends the call again, once', async () => {
    const { generate } = api();
    await generate({ page: 'pages/live/index', query: 'id=lv1', days: 1 });
    sandbox.mp.invalidateTokens();
    await generate({ page: 'pages/live/index', query: 'id=lv2', days: 1 });
    expect(sandbox.callsTo('wxa/generate_urllink').map((c) => c.errcode)).toEqual([0, 40001, 0]);
    expect(sandbox.urlLinks.issued()).toHaveLength(2);
  });

  it.each([
    ['85400', 85400, 'UPSTREAM_ERROR'],
    ['40212 (query)', 40212, 'UPSTREAM_ERROR'],
    ['45009 (the day is spent)', 45009, 'UPSTREAM_RATE_LIMITED'],
    ['48001 (not authorized)', 48001, 'UPSTREAM_MISCONFIGURED'],
  ])('turns %s into an UpstreamError with the errcode, and never sends it twice', async (_n, errcode, code) => {
    sandbox.faults.failNext('wxa/generate_urllink', errcode);
    const err = await failure(api().generate({ page: 'pages/live/index', query: 'id=lv1', days: 30 }));
    expect([err.code, err.errcode]).toEqual([code, errcode]);
    expect(sandbox.callsTo('wxa/generate_urllink')).toHaveLength(1);
  });

  it('does not send a call again whose answer was lost: every call spends the quota', async () => {
    sandbox.faults.drop('wxa/generate_urllink');
    const err = await failure(api().generate({ page: 'pages/live/index', query: 'id=lv1', days: 30 }));
    expect(err.isOutage).toBe(true);
    expect(sandbox.callsTo('wxa/generate_urllink')).toHaveLength(1);
  });

  it("is refused for the service account's token (48001)", async () => {
    const err = await failure(
      api({ appId: sandbox.credentials.mpAppId, secret: sandbox.credentials.mpSecret }).generate({
        page: 'pages/live/index',
        query: 'id=lv1',
        days: 30,
      }),
    );
    expect(err.errcode).toBe(48001);
  });

  it.each([
    ["a query outside WeChat's characters", { query: 'id=lv 1', days: 30 }],
    ['a query over 1024 characters', { query: `id=${'a'.repeat(1022)}`, days: 30 }],
    ['0 days', { query: 'id=lv1', days: 0 }],
    ['31 days', { query: 'id=lv1', days: 31 }],
  ])('throws before anything leaves for %s', async (_n, request) => {
    await expect(api().generate({ page: 'pages/live/index', ...request })).rejects.toThrow();
    expect(sandbox.callsTo('wxa/generate_urllink')).toHaveLength(0);
  });

  it('never logs the token or the secret', async () => {
    const { generate, logs } = api();
    await generate({ page: 'pages/live/index', query: 'id=lv1', days: 30 });
    for (const secret of sandbox.secrets()) expect(logs.text()).not.toContain(secret);
  });
});
