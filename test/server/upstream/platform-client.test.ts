import { isUpstreamError, type UpstreamError } from '../../../server/errors/upstream-error';
import { createLogger } from '../../../server/logging/logger';
import { createMemoryStore } from '../../../server/store/memory-store';
import { TransportError, type JsonRequest, type JsonTransport } from '../../../server/upstream/json-transport';
import { createOfficialAccount } from '../../../server/wechat/official-account';
import { createWechatClient } from '../../../server/wechat/wechat-client';
import { createLivingReadApi } from '../../../server/wecom/living-read-api';
import { createWecomClient } from '../../../server/wecom/wecom-client';
import { logCapture } from '../harness';

/** A platform that answers each call from a script, keyed by the API's last path segment, and records calls. */
function scriptedPlatform(script: Record<string, Array<Record<string, unknown>>>) {
  const calls: JsonRequest[] = [];
  const transport: JsonTransport = async (req) => {
    calls.push(req);
    const api = new URL(req.url).pathname.split('/').pop()!;
    const answers = script[api];
    if (!answers?.length) throw new Error(`unscripted call to ${api}`);
    return answers.length > 1 ? answers.shift() : answers[0];
  };
  const callsTo = (api: string) => calls.filter((c) => new URL(c.url).pathname.endsWith(`/${api}`));
  return { transport, calls, callsTo };
}

const token = { access_token: 'token-value-0123456789', expires_in: 7200 };

function wecomOver(transport: JsonTransport) {
  const logs = logCapture();
  const wecom = createWecomClient({
    corpId: 'corp',
    secret: 'secret-0123456789',
    apiBase: 'http://wecom.test',
    transport,
    store: createMemoryStore(),
    logger: createLogger({ level: 'info', destination: logs.stream }),
    policy: { backoff: { baseMs: 1, maxMs: 2 } },
  });
  return { wecom, logs };
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUpstreamError(err)) throw new Error(`expected an UpstreamError, got ${String(err)}`);
  return err;
}

describe('the platform call core', () => {
  it('tells a refusal (an errcode of its own meaning) from a malformed answer (no errcode at all)', async () => {
    const p = scriptedPlatform({ gettoken: [token], get_living_info: [{ errcode: 40058, errmsg: 'invalid' }] });
    const refused = await failure(wecomOver(p.transport).wecom.call('living/get_living_info', { method: 'GET' }));
    expect([refused.code, refused.errcode, refused.isRefusal, refused.status]).toEqual([
      'UPSTREAM_ERROR',
      40058,
      true,
      502,
    ]);

    const q = scriptedPlatform({ gettoken: [token], get_living_code: [{ errcode: 0 }] });
    const living = createLivingReadApi(wecomOver(q.transport).wecom);
    const malformed = await failure(living.getLivingCode('lv1', 'openid'));
    expect([malformed.code, malformed.errcode, malformed.isRefusal]).toEqual(['UPSTREAM_ERROR', undefined, false]);
  });

  it('lets the WeCom client decide that a refused living id is an unknown live, and a malformed answer is not', async () => {
    const refusing = scriptedPlatform({ gettoken: [token], get_living_info: [{ errcode: 40058, errmsg: 'invalid' }] });
    await expect(
      createLivingReadApi(wecomOver(refusing.transport).wecom).getLivingInfo('lv1'),
    ).resolves.toBeUndefined();

    const garbled = scriptedPlatform({ gettoken: [token], get_living_info: [{ errcode: 0, living_info: 'nope' }] });
    const err = await failure(createLivingReadApi(wecomOver(garbled.transport).wecom).getLivingInfo('lv1'));
    expect([err.code, err.isRefusal]).toEqual(['UPSTREAM_ERROR', false]);

    // A limit is no verdict on the live either.
    const limited = scriptedPlatform({ gettoken: [token], get_living_info: [{ errcode: 45009, errmsg: 'freq' }] });
    const held = await failure(createLivingReadApi(wecomOver(limited.transport).wecom).getLivingInfo('lv1'));
    expect(held.code).toBe('UPSTREAM_RATE_LIMITED');
  });

  it('sends a call that is not safe to repeat at most once: busy or a lost answer is an outage, not a retry', async () => {
    const busy = scriptedPlatform({
      gettoken: [token],
      create: [{ errcode: -1, errmsg: 'system busy' }, { livingid: 'x' }],
    });
    const once = await failure(
      wecomOver(busy.transport).wecom.call('living/create', { method: 'POST', body: {}, once: true }),
    );
    expect([once.code, busy.callsTo('create').length]).toEqual(['UPSTREAM_UNAVAILABLE', 1]);

    let sent = 0;
    const lost: JsonTransport = async (req) => {
      if (req.url.includes('gettoken')) return token;
      sent++;
      throw new TransportError('connection', 'socket hang up');
    };
    const dropped = await failure(
      wecomOver(lost).wecom.call('living/create', { method: 'POST', body: {}, once: true }),
    );
    expect([dropped.code, sent]).toEqual(['UPSTREAM_UNAVAILABLE', 1]);

    // The same answers without `once` are retried, which is what makes `once` necessary for living/create.
    const retried = scriptedPlatform({
      gettoken: [token],
      create: [{ errcode: -1, errmsg: 'system busy' }, { livingid: 'x' }],
    });
    await wecomOver(retried.transport).wecom.call('living/create', { method: 'POST', body: {} });
    expect(retried.callsTo('create')).toHaveLength(2);
  });

  it('still refreshes a refused token and sends a once-only call again (WeCom did nothing with it)', async () => {
    const p = scriptedPlatform({
      gettoken: [token],
      create: [
        { errcode: 42001, errmsg: 'access_token expired' },
        { errcode: 0, livingid: 'new' },
      ],
    });
    const answer = await wecomOver(p.transport).wecom.call<{ livingid: string }>('living/create', {
      method: 'POST',
      body: {},
      once: true,
    });
    expect([answer.livingid, p.callsTo('create').length, p.callsTo('gettoken').length]).toEqual(['new', 2, 2]);
  });

  it('holds an API back after its frequency limit, on WeChat as on WeCom', async () => {
    const p = scriptedPlatform({ stable_token: [token], getticket: [{ errcode: 45009, errmsg: 'quota' }] });
    const wechat = createWechatClient({
      appId: 'wxapp',
      secret: 'secret-0123456789',
      apiBase: 'http://wechat.test',
      transport: p.transport,
      store: createMemoryStore(),
      logger: createLogger({ level: 'silent' }),
    });
    const account = createOfficialAccount({ wechat, appId: 'wxapp' });
    expect((await failure(account.jsapiTicket())).retryAfter).toBe(60);
    const again = await failure(account.jsapiTicket());
    expect(again.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(p.callsTo('getticket')).toHaveLength(1);
  });

  it('logs each call with its platform and errcode, never its URL (it carries the token or the secret)', async () => {
    const p = scriptedPlatform({ gettoken: [token], get_living_info: [{ errcode: 0, living_info: { status: 1 } }] });
    const { wecom, logs } = wecomOver(p.transport);
    await createLivingReadApi(wecom).getLivingInfo('lv1');
    const calls = logs.parsed().filter((l) => l.event === 'upstream');
    expect(calls.map((l) => [l.platform, l.api, l.errcode])).toEqual([
      ['wecom', 'gettoken', 0],
      ['wecom', 'living/get_living_info', 0],
    ]);
    expect(logs.text()).not.toContain('secret-0123456789');
    expect(logs.text()).not.toContain(token.access_token);
  });
});
