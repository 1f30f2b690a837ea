import {
  callbackSignature,
  decryptCallbackMessage,
  randomCallbackSecrets,
  SANDBOX_CALLBACK_AGENT_ID,
  SANDBOX_LIVES,
  type CallbackTarget,
} from '../../../sandbox';
import { startReceiver, type ReceivedCallback, type Receiver } from './callback-receiver';
import { startSandbox, type Harness } from '../sandbox-harness';

/**
 * Long enough that a loaded CI machine never makes an answered delivery count as timed out (a retry would add a
 * delivery a test does not expect), short enough that the tests of the timeout itself stay quick.
 */
const TIMEOUT_MS = 1200;
const RETRY_DELAY_MS = 20;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('living_status_change callbacks', () => {
  let h: Harness;
  let receiver: Receiver;
  let target: CallbackTarget;
  beforeEach(async () => {
    h = await startSandbox({ callbackTimeoutMs: TIMEOUT_MS, callbackRetryDelayMs: RETRY_DELAY_MS });
    receiver = await startReceiver();
    target = { url: receiver.url, ...randomCallbackSecrets() };
    h.sandbox.callbacks.configure(target);
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  const corpId = () => h.sandbox.credentials.corpId;
  const envelope = (body: string) => {
    const match =
      /^<xml><ToUserName><!\[CDATA\[([^\]]*)\]\]><\/ToUserName><Encrypt><!\[CDATA\[([A-Za-z0-9+/=]+)\]\]><\/Encrypt><AgentID><!\[CDATA\[(\d+)\]\]><\/AgentID><\/xml>$/.exec(
        body,
      );
    if (!match) throw new Error(`not an encrypted callback: ${body}`);
    return { toUserName: match[1], encrypt: match[2] ?? '', agentId: match[3] };
  };
  /** The decrypted event, after checking the signature as the BFF must. */
  const open = (request: ReceivedCallback, { token, aesKey } = target) => {
    const { encrypt } = envelope(request.body);
    const q = request.query;
    const signed = callbackSignature(token, q.get('timestamp') ?? '', q.get('nonce') ?? '', encrypt);
    return { signed: signed === q.get('msg_signature'), ...decryptCallbackMessage(aesKey, encrypt) };
  };
  const statusOf = (request: ReceivedCallback) => /<Status>(\d)<\/Status>/.exec(open(request).message)?.[1];

  describe('delivery', () => {
    it('POSTs the encrypted, signed event WeCom sends when a live starts', async () => {
      h.sandbox.lives.setStatus(SANDBOX_LIVES.reservedSoon, 1);
      await h.sandbox.callbacks.idle();

      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received as [ReceivedCallback];
      expect(request.method).toBe('POST');
      expect(request.rawUrl).toMatch(/^\/wecom\/callback\?msg_signature=[0-9a-f]{40}&timestamp=\d+&nonce=\d+$/);
      expect(request.query.get('timestamp')).toBe(String(h.clock.now() / 1000));
      expect(request.contentType).toBe('text/xml');
      expect(envelope(request.body)).toMatchObject({ toUserName: corpId(), agentId: SANDBOX_CALLBACK_AGENT_ID });

      const opened = open(request);
      expect(opened.signed).toBe(true);
      expect(opened.receiveId).toBe(corpId());
      const anchor = h.sandbox.lives.get(SANDBOX_LIVES.reservedSoon)?.anchor_userid;
      expect(opened.message).toBe(
        `<xml><ToUserName><![CDATA[${corpId()}]]></ToUserName><FromUserName><![CDATA[${anchor}]]></FromUserName>` +
          `<CreateTime>${h.clock.now() / 1000}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
          `<Event><![CDATA[living_status_change]]></Event><LivingId><![CDATA[${SANDBOX_LIVES.reservedSoon}]]></LivingId>` +
          `<Status>1</Status><AgentID>${SANDBOX_CALLBACK_AGENT_ID}</AgentID></xml>`,
      );
      expect(h.sandbox.callbacks.deliveries()).toEqual([
        {
          livingId: SANDBOX_LIVES.reservedSoon,
          status: 1,
          createTime: h.clock.now() / 1000,
          attempt: 1,
          httpStatus: 200,
          answer: '',
          ms: expect.any(Number),
        },
      ]);
    });

    it('names the configured agent id, and a query the callback URL already has survives', async () => {
      h.sandbox.callbacks.configure({ ...target, url: `${receiver.url}?corp=a`, agentId: '1000042' });
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      const [request] = receiver.received as [ReceivedCallback];
      expect(request.query.get('corp')).toBe('a');
      expect(envelope(request.body).agentId).toBe('1000042');
      expect(open(request).message).toContain('<Status>2</Status><AgentID>1000042</AgentID>');
    });

    it('delivers a status PATCH through the control endpoint, configured through PUT /__sandbox/callback', async () => {
      h.sandbox.callbacks.configure(undefined);
      const put = await h.request('/__sandbox/callback', { method: 'PUT', body: target });
      expect(put.status).toBe(200);
      expect((await h.request('/__sandbox/callback')).json?.target).toEqual({
        ...target,
        agentId: SANDBOX_CALLBACK_AGENT_ID,
      });

      const patch = await h.request(`/__sandbox/lives/${SANDBOX_LIVES.living}`, {
        method: 'PATCH',
        body: { status: 2 },
      });
      expect(patch.status).toBe(200);
      await h.request('/__sandbox/callback/idle');
      expect(receiver.received.map(statusOf)).toEqual(['2']);
      expect((await h.request('/__sandbox/callback/deliveries')).json?.deliveries).toEqual([
        expect.objectContaining({ livingId: SANDBOX_LIVES.living, status: 2, attempt: 1, httpStatus: 200 }),
      ]);

      expect((await h.request('/__sandbox/callback', { method: 'DELETE' })).status).toBe(204);
      await h.request(`/__sandbox/lives/${SANDBOX_LIVES.reservedSoon}`, { method: 'PATCH', body: { status: 4 } });
      await h.sandbox.callbacks.idle();
      expect(receiver.received).toHaveLength(1);
      expect((await h.request('/__sandbox/callback')).json?.target).toBeNull();
    });

    it('sends nothing without a target, for a PATCH that keeps the status, or for a new live', async () => {
      h.sandbox.callbacks.configure(undefined);
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      h.sandbox.callbacks.configure(target);
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      h.sandbox.lives.upsert(SANDBOX_LIVES.living, { viewer_num: 5 });
      h.sandbox.lives.upsert('lvBrandNew', { status: 1 });
      await h.sandbox.callbacks.idle();
      expect(receiver.received).toHaveLength(0);
      h.sandbox.lives.upsert(SANDBOX_LIVES.living, { status: 1 });
      await h.sandbox.callbacks.idle();
      expect(receiver.received.map(statusOf)).toEqual(['1']);
    });

    it('returns from a status change at once and delivers in the background', async () => {
      receiver.always({ delayMs: TIMEOUT_MS / 2 }); // well under this harness's callback timeout
      const started = performance.now();
      h.sandbox.lives.setStatus(SANDBOX_LIVES.reservedSoon, 1);
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS / 4); // the answer takes longer: not waited for
      expect(h.sandbox.callbacks.deliveries()).toHaveLength(0);
      await h.sandbox.callbacks.idle();
      expect(h.sandbox.callbacks.deliveries()).toHaveLength(1);
    });

    it('delivers the events of one live in order, each after the one before is answered', async () => {
      receiver.next({ delayMs: 80 }, { delayMs: 40 }, {});
      const live = SANDBOX_LIVES.reservedSoon;
      h.sandbox.lives.setStatus(live, 1);
      h.clock.advance(1000);
      h.sandbox.lives.setStatus(live, 2);
      h.clock.advance(1000);
      h.sandbox.lives.setStatus(live, 1);
      await h.sandbox.callbacks.idle();
      expect(receiver.received.map(statusOf)).toEqual(['1', '2', '1']);
      const times = h.sandbox.callbacks.deliveries().map((d) => d.createTime);
      expect(times).toEqual([times[0], (times[0] ?? 0) + 1, (times[0] ?? 0) + 2]);
    });

    it('does not hold one live back behind another live’s retries', async () => {
      receiver.always((request) => (statusOf(request) === '2' ? { status: 500 } : {}));
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      h.sandbox.lives.setStatus(SANDBOX_LIVES.reservedSoon, 1);
      await receiver.waitFor(2);
      expect(receiver.received.map(statusOf)).toEqual(['2', '1']);
      await h.sandbox.callbacks.idle();
    });
  });

  describe(`WeCom's 5 s rule (here ${TIMEOUT_MS} ms)`, () => {
    it('retries an app that answers too slowly, 4 deliveries in all and no more', async () => {
      receiver.always({ delayMs: TIMEOUT_MS + 100 });
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      await pause(TIMEOUT_MS);
      expect(receiver.received).toHaveLength(4);
      const deliveries = h.sandbox.callbacks.deliveries();
      expect(deliveries.map((d) => [d.attempt, d.httpStatus, d.error])).toEqual([
        [1, null, 'timeout'],
        [2, null, 'timeout'],
        [3, null, 'timeout'],
        [4, null, 'timeout'],
      ]);
      for (const d of deliveries) expect(d.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
      // Every retry is the same event (same CreateTime), freshly encrypted and signed.
      const opened = receiver.received.map((r) => open(r));
      expect(new Set(opened.map((o) => o.message)).size).toBe(1);
      expect(new Set(receiver.received.map((r) => envelope(r.body).encrypt)).size).toBe(4);
      expect(opened.every((o) => o.signed)).toBe(true);
    }, 15_000);

    it('retries an app that answers 500, 4 deliveries in all', async () => {
      receiver.always({ status: 500, body: 'oops' });
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      await pause(50);
      expect(receiver.received).toHaveLength(4);
      expect(h.sandbox.callbacks.deliveries().map((d) => [d.attempt, d.httpStatus, d.answer])).toEqual([
        [1, 500, 'oops'],
        [2, 500, 'oops'],
        [3, 500, 'oops'],
        [4, 500, 'oops'],
      ]);
    });

    it('stops retrying at the first 200, whatever its body', async () => {
      receiver.next({ status: 503 }, { delayMs: TIMEOUT_MS + 50 }, { status: 200, body: 'not success at all' });
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      expect(h.sandbox.callbacks.deliveries().map((d) => [d.attempt, d.httpStatus])).toEqual([
        [1, 503],
        [2, null],
        [3, 200],
      ]);
    });

    it('counts a 204 as not received (WeCom wants 200)', async () => {
      receiver.next({ status: 204 });
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      expect(h.sandbox.callbacks.deliveries().map((d) => d.httpStatus)).toEqual([204, 200]);
    });

    it('retries when nobody listens, with the connection error', async () => {
      await receiver.close();
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      expect(h.sandbox.callbacks.deliveries().map((d) => [d.attempt, d.httpStatus, d.error])).toEqual([
        [1, null, 'ECONNREFUSED'],
        [2, null, 'ECONNREFUSED'],
        [3, null, 'ECONNREFUSED'],
        [4, null, 'ECONNREFUSED'],
      ]);
    });

    it('pauses between retries', async () => {
      receiver.always({ status: 500 });
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      const at = receiver.received.map((r) => r.at);
      for (let i = 1; i < at.length; i++)
        expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(RETRY_DELAY_MS - 2);
    });
  });

  describe('faults', () => {
    it('duplicate(3) delivers the next event three times, each answered, then events come once again', async () => {
      h.sandbox.callbacks.faults.duplicate(3);
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      expect(h.sandbox.callbacks.deliveries().map((d) => [d.copy, d.attempt, d.httpStatus])).toEqual([
        [1, 1, 200],
        [2, 1, 200],
        [3, 1, 200],
      ]);
      expect(new Set(receiver.received.map((r) => open(r).message)).size).toBe(1);
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 1);
      await h.sandbox.callbacks.idle();
      expect(receiver.received).toHaveLength(4);
    });

    it('duplicate retries each copy as usual', async () => {
      h.sandbox.callbacks.faults.duplicate(2);
      receiver.next({ status: 500 });
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      expect(h.sandbox.callbacks.deliveries().map((d) => [d.copy, d.attempt, d.httpStatus])).toEqual([
        [1, 1, 500],
        [1, 2, 200],
        [2, 1, 200],
      ]);
    });

    it('outOfOrder delivers the next two events swapped, the newer first', async () => {
      h.sandbox.callbacks.faults.outOfOrder();
      const live = SANDBOX_LIVES.reservedSoon;
      h.sandbox.lives.setStatus(live, 1);
      await h.sandbox.callbacks.idle();
      expect(receiver.received).toHaveLength(0);
      h.clock.advance(60_000);
      h.sandbox.lives.setStatus(live, 2);
      h.clock.advance(60_000);
      h.sandbox.lives.setStatus(live, 4);
      await h.sandbox.callbacks.idle();
      expect(receiver.received.map(statusOf)).toEqual(['2', '1', '4']);
      const [newer, older] = h.sandbox.callbacks.deliveries();
      expect((newer?.createTime ?? 0) - (older?.createTime ?? 0)).toBe(60);
    });

    it('outOfOrder swaps events of two lives too', async () => {
      h.sandbox.callbacks.faults.outOfOrder();
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      h.sandbox.lives.setStatus(SANDBOX_LIVES.reservedSoon, 1);
      await h.sandbox.callbacks.idle();
      expect(h.sandbox.callbacks.deliveries().map((d) => d.livingId)).toEqual([
        SANDBOX_LIVES.reservedSoon,
        SANDBOX_LIVES.living,
      ]);
    });

    it('forgeSignature signs the next delivery wrongly; a refusing app gets the retry signed right', async () => {
      receiver.always((request) => (open(request).signed ? {} : { status: 403 }));
      h.sandbox.callbacks.faults.forgeSignature();
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      expect(receiver.received.map((r) => open(r).signed)).toEqual([false, true]);
      expect(receiver.received[0]?.query.get('msg_signature')).toMatch(/^[0-9a-f]{40}$/);
      expect(h.sandbox.callbacks.deliveries().map((d) => [d.forged, d.httpStatus])).toEqual([
        [true, 403],
        [undefined, 200],
      ]);
    });

    it('delay(ms) holds back every delivery until cleared', async () => {
      h.sandbox.callbacks.faults.delay(1000);
      let started = performance.now();
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      expect(performance.now() - started).toBeGreaterThanOrEqual(995);
      started = performance.now();
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 1);
      await h.sandbox.callbacks.idle();
      expect(performance.now() - started).toBeGreaterThanOrEqual(995);
      h.sandbox.callbacks.faults.clear();
      started = performance.now();
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      expect(performance.now() - started).toBeLessThan(900);
      expect(receiver.received).toHaveLength(3);
    });

    it('clear() drops pending faults and sends an event held back by outOfOrder', async () => {
      h.sandbox.callbacks.faults.duplicate(3);
      h.sandbox.callbacks.faults.forgeSignature();
      h.sandbox.callbacks.faults.outOfOrder();
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      h.sandbox.callbacks.faults.clear();
      await h.sandbox.callbacks.idle();
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 1);
      await h.sandbox.callbacks.idle();
      expect(receiver.received.map(statusOf)).toEqual(['2', '2', '2', '1']);
      expect(receiver.received.every((r) => open(r).signed)).toBe(true);
    });

    it('POST /__sandbox/callback/faults installs them and DELETE clears them', async () => {
      const post = (body: unknown) => h.request('/__sandbox/callback/faults', { method: 'POST', body });
      expect((await post({ kind: 'duplicate', copies: 2 })).status).toBe(204);
      expect((await post({ kind: 'forgeSignature' })).status).toBe(204);
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await h.sandbox.callbacks.idle();
      expect(h.sandbox.callbacks.deliveries().map((d) => [d.copy, d.forged])).toEqual([
        [1, true],
        [2, undefined],
      ]);

      expect((await post({ kind: 'outOfOrder' })).status).toBe(204);
      expect((await post({ kind: 'delay', ms: 10 })).status).toBe(204);
      expect((await h.request('/__sandbox/callback/faults', { method: 'DELETE' })).status).toBe(204);
      await h.sandbox.callbacks.idle();
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 1);
      await h.sandbox.callbacks.idle();
      expect(receiver.received.map(statusOf)).toEqual(['2', '2', '1']);

      expect((await post({ kind: 'duplicate', copies: 0 })).status).toBe(400);
      expect((await post({ kind: 'lose' })).status).toBe(400);
    });

    it('rejects nonsense faults', () => {
      expect(() => h.sandbox.callbacks.faults.duplicate(0)).toThrow(RangeError);
      expect(() => h.sandbox.callbacks.faults.duplicate(1.5)).toThrow(RangeError);
      expect(() => h.sandbox.callbacks.faults.delay(-1)).toThrow(RangeError);
    });
  });

  describe('the target', () => {
    it.each([
      ['a token with symbols', { token: 'not-a-token!' }],
      ['a token over 32 characters', { token: 'a'.repeat(33) }],
      ['an EncodingAESKey of 42 characters', { aesKey: 'a'.repeat(42) }],
      ['an EncodingAESKey with + or /', { aesKey: `${'a'.repeat(41)}+/` }],
      ['a URL that is not http(s)', { url: 'ftp://127.0.0.1/cb' }],
      ['an agent id that is not digits', { agentId: 'app' }],
    ])('refuses %s, as WeCom’s console would', async (_name, change) => {
      expect(() => h.sandbox.callbacks.configure({ ...target, ...change })).toThrow(RangeError);
      const put = await h.request('/__sandbox/callback', { method: 'PUT', body: { ...target, ...change } });
      expect(put.status).toBe(400);
      expect(h.sandbox.callbacks.target()?.token).toBe(target.token);
    });

    it('can be given when the sandbox is created', async () => {
      const other = await startSandbox({ callback: target, callbackTimeoutMs: TIMEOUT_MS });
      try {
        other.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
        await other.sandbox.callbacks.idle();
        expect(receiver.received.map(statusOf)).toEqual(['2']);
      } finally {
        await other.close();
      }
    });

    it('puts the Token and EncodingAESKey into secrets() while configured', () => {
      expect(h.sandbox.secrets()).toEqual(expect.arrayContaining([target.token, target.aesKey]));
      h.sandbox.callbacks.configure(undefined);
      expect(h.sandbox.secrets()).not.toContain(target.token);
    });
  });

  describe('the URL check', () => {
    it('GETs with an encrypted, URL-encoded echostr and passes when the app answers its plaintext', async () => {
      receiver.always((request) => {
        const echostr = request.query.get('echostr') ?? '';
        const q = request.query;
        const signed =
          callbackSignature(target.token, q.get('timestamp') ?? '', q.get('nonce') ?? '', echostr) ===
          q.get('msg_signature');
        return signed ? { body: decryptCallbackMessage(target.aesKey, echostr).message } : { status: 403 };
      });
      const check = await h.sandbox.callbacks.verifyUrl();
      expect(check).toMatchObject({ ok: true, httpStatus: 200 });
      expect(check.answer).toBe(check.expected);
      expect(check.expected).toMatch(/^[1-9]\d{18}$/);
      const [request] = receiver.received as [ReceivedCallback];
      expect(request.method).toBe('GET');
      expect(request.rawUrl).not.toMatch(/echostr=[^&]*[+/=]/);
      expect(h.sandbox.callbacks.deliveries()).toHaveLength(0);
    });

    it('fails an app that answers anything else, also over POST /__sandbox/callback/verify', async () => {
      receiver.always({ body: 'success' });
      const answer = await h.request('/__sandbox/callback/verify', { method: 'POST' });
      expect(answer.json).toMatchObject({ ok: false, httpStatus: 200, answer: 'success' });
      h.sandbox.callbacks.configure(undefined);
      await expect(h.sandbox.callbacks.verifyUrl()).rejects.toThrow('no callback target');
      expect((await h.request('/__sandbox/callback/verify', { method: 'POST' })).status).toBe(400);
    });
  });

  describe('reset() and close()', () => {
    it('reset() forgets deliveries and faults, abandons pending retries, and keeps the target', async () => {
      receiver.always({ status: 500 });
      h.sandbox.callbacks.faults.delay(1500);
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await receiver.waitFor(1);
      h.sandbox.reset();
      await h.sandbox.callbacks.idle();
      await pause(100);
      expect(receiver.received).toHaveLength(1);
      expect(h.sandbox.callbacks.deliveries()).toEqual([]);
      expect(h.sandbox.callbacks.target()?.url).toBe(receiver.url);

      receiver.always({});
      h.sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      const started = performance.now();
      await h.sandbox.callbacks.idle();
      // Well under the 1.5 s delay the fault added: reset forgot it.
      expect(performance.now() - started).toBeLessThan(1000);
      expect(h.sandbox.callbacks.deliveries()).toHaveLength(1);
    });

    it('close() cuts a delivery in flight at once and forgets it', async () => {
      const sandbox = (await startSandbox({ callback: target, callbackTimeoutMs: 60_000 })).sandbox;
      receiver.always({ hang: true });
      sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await receiver.waitFor(1);
      const started = performance.now();
      await sandbox.close();
      expect(performance.now() - started).toBeLessThan(500);
      await sandbox.callbacks.idle();
      expect(sandbox.callbacks.deliveries()).toEqual([]);
    });

    it('close() cancels a retry waiting for its pause, and the sandbox delivers again afterwards', async () => {
      const sandbox = (await startSandbox({ callback: target, callbackRetryDelayMs: 300 })).sandbox;
      receiver.next({ status: 500 });
      sandbox.lives.setStatus(SANDBOX_LIVES.living, 2);
      await receiver.waitFor(1);
      // The 500 is recorded once its answer is read; then the retry waits its pause.
      for (let i = 0; i < 50 && sandbox.callbacks.deliveries().length === 0; i++) await pause(10);
      await sandbox.close();
      await pause(600); // twice the pause the retry was waiting for: it never comes
      expect(receiver.received).toHaveLength(1);
      expect(sandbox.callbacks.deliveries()).toHaveLength(1);

      sandbox.lives.setStatus(SANDBOX_LIVES.living, 1);
      await sandbox.callbacks.idle();
      expect(receiver.received).toHaveLength(2);
      await sandbox.close();
    });
  });
});
