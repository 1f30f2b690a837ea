import { Writable } from 'node:stream';
import pino from 'pino';
import type { LiveCard } from '../../../shared/live-card';
import { createCallbackService, type CallbackOutcome } from '../../../server/callback/callback-service';
import type { CardBus } from '../../../server/push/card-bus';
import { createMemoryStore } from '../../../server/store/memory-store';
import { AppError } from '../../../server/errors/app-error';
import { wecomSide } from './wecom-side';

/**
 * The callback service on its own (no HTTP): a clock the test moves, a memory store on the same clock, cards and a
 * bus that record what they are asked. WeCom's side seals and signs as WeCom does (wecom-side.ts).
 */
const CALLBACK = { token: 'T0kenForTests', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
const CORP = 'wwCorpUnderTest';
const LIVE = 'lvServiceTest1';
const T0 = 1_750_000_000_000;

const card = (livingId: string, status: LiveCard['status'], extra: Partial<LiveCard> = {}) =>
  ({ livingId, status, ...extra }) as LiveCard;

function setup({
  withOnEvent = true,
  cachedCard = true,
  refreshed = (livingId: string): Promise<LiveCard> => Promise.resolve(card(livingId, 'living', { theme: 'full' })),
  maxSkewMs,
  dedupeMs,
}: {
  withOnEvent?: boolean;
  cachedCard?: boolean;
  refreshed?: (livingId: string) => Promise<LiveCard>;
  maxSkewMs?: number;
  dedupeMs?: number;
} = {}) {
  let t = T0;
  const clock = {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
  const published: LiveCard[] = [];
  const applied: Array<[string, number]> = [];
  const bus: CardBus = {
    publish: (c) => void published.push(c),
    subscribe: () => () => undefined,
    close: async () => undefined,
  };
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    }),
  );
  const events: Array<CallbackOutcome | 'refused'> = [];
  const service = createCallbackService({
    ...CALLBACK,
    corpId: CORP,
    store: createMemoryStore({ now: clock.now }),
    cards: {
      applyStatus: async (livingId, status) => {
        applied.push([livingId, status]);
        const statuses = ['reserved', 'living', 'ended', 'expired', 'cancelled'] as const;
        return cachedCard ? card(livingId, statuses[status]!) : undefined;
      },
      refresh: refreshed,
    },
    bus,
    logger,
    now: clock.now,
    ...(maxSkewMs === undefined ? {} : { maxSkewMs }),
    ...(dedupeMs === undefined ? {} : { dedupeMs }),
    ...(withOnEvent ? { onEvent: (e: CallbackOutcome | 'refused') => void events.push(e) } : {}),
  });
  const wecom = wecomSide({ ...CALLBACK, corpId: CORP });
  const seconds = () => String(Math.floor(clock.now() / 1000));
  /** One event as WeCom delivers it, signed now (or at `timestamp`). */
  const deliver = (
    event: { livingId?: string; status: number; createTime: number; to?: string },
    { timestamp = seconds(), receiveId = CORP } = {},
  ) => {
    const d = wecom.delivery(wecom.event({ livingId: LIVE, ...event }), { timestamp, receiveId });
    return service.receive({ signature: d.query.msg_signature, timestamp, nonce: d.query.nonce }, d.body);
  };
  const settle = () => new Promise((r) => setImmediate(r));
  return { service, clock, published, applied, lines, events, wecom, deliver, seconds, settle };
}

/** The AppError `fn` rejects with (its code and the reason logged with it), or `'resolved'`. */
async function refusal(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'resolved';
  } catch (err) {
    return err instanceof AppError ? `${err.code}: ${err.message}` : `not an AppError: ${String(err)}`;
  }
}

describe('callback service: the URL check', () => {
  it('answers the decrypted echostr when signed now, and names why it refuses otherwise', async () => {
    const { service, wecom, seconds, clock } = setup();
    const echostr = wecom.seal('4827309112749');
    const signed = (timestamp: string) => ({
      signature: wecom.sign(timestamp, '77', echostr),
      timestamp,
      nonce: '77',
      echostr,
    });
    expect(service.verifyUrl(signed(seconds()))).toBe('4827309112749');
    expect(await refusal(() => service.verifyUrl({ ...signed(seconds()), signature: '' }))).toBe(
      'CALLBACK_INVALID: Callback refused: unsigned',
    );
    expect(await refusal(() => service.verifyUrl({ ...signed(seconds()), nonce: '' }))).toBe(
      'CALLBACK_INVALID: Callback refused: unsigned',
    );
    expect(await refusal(() => service.verifyUrl({ ...signed(seconds()), timestamp: '' }))).toBe(
      'CALLBACK_INVALID: Callback refused: unsigned',
    );
    expect(await refusal(() => service.verifyUrl({ ...signed(seconds()), signature: '0'.repeat(40) }))).toBe(
      'CALLBACK_INVALID: Callback refused: bad_signature',
    );
    // Signed over a timestamp that is not a number: refused for the timestamp, though the signature is right.
    expect(await refusal(() => service.verifyUrl(signed('soon')))).toBe(
      'CALLBACK_INVALID: Callback refused: timestamp',
    );
    expect(await refusal(() => service.verifyUrl(signed('Infinity')))).toBe(
      'CALLBACK_INVALID: Callback refused: timestamp',
    );
    clock.advance(1);
    expect(service.verifyUrl(signed(seconds()))).toBe('4827309112749');
  });

  it('takes a timestamp up to 5 minutes off either way, and refuses one a millisecond beyond', async () => {
    const { service, wecom, clock } = setup();
    const echostr = wecom.seal('echo');
    const at = (ms: number) => {
      const timestamp = String(ms / 1000);
      return service.verifyUrl({ signature: wecom.sign(timestamp, '1', echostr), timestamp, nonce: '1', echostr });
    };
    const now = clock.now();
    expect(at(now - 300_000)).toBe('echo');
    expect(at(now + 300_000)).toBe('echo');
    expect(await refusal(() => at(now - 301_000))).toBe('CALLBACK_INVALID: Callback refused: timestamp');
    expect(await refusal(() => at(now + 301_000))).toBe('CALLBACK_INVALID: Callback refused: timestamp');
    clock.advance(1); // now 1 ms past: exactly 5 min + 1 ms from the first
    expect(await refusal(() => at(now - 300_000))).toBe('CALLBACK_INVALID: Callback refused: timestamp');
  });

  it('keeps to a skew of its own when given one', async () => {
    const { service, wecom, clock } = setup({ maxSkewMs: 1000 });
    const echostr = wecom.seal('echo');
    const timestamp = String(clock.now() / 1000 - 2);
    expect(
      await refusal(() =>
        service.verifyUrl({ signature: wecom.sign(timestamp, '1', echostr), timestamp, nonce: '1', echostr }),
      ),
    ).toBe('CALLBACK_INVALID: Callback refused: timestamp');
  });
});

describe('callback service: events', () => {
  it('applies a status once, publishes the pushed card, then the refreshed one when it differs, and logs it', async () => {
    const s = setup();
    expect(await s.deliver({ status: 1, createTime: 1000 })).toBe('applied');
    expect(s.applied).toEqual([[LIVE, 1]]);
    await s.settle();
    expect(s.published).toEqual([card(LIVE, 'living'), card(LIVE, 'living', { theme: 'full' })]);
    expect(s.events).toEqual(['applied']);
    expect(s.lines.filter((l) => l.event === 'callback')).toEqual([
      expect.objectContaining({
        event: 'callback',
        livingId: LIVE,
        status: 1,
        createTime: 1000,
        outcome: 'applied',
        msg: 'living_status_change',
      }),
    ]);
  });

  it('publishes the refreshed card only once when it is the card already pushed', async () => {
    const s = setup({ refreshed: async (livingId) => card(livingId, 'living') });
    await s.deliver({ status: 1, createTime: 1000 });
    await s.settle();
    expect(s.published).toEqual([card(LIVE, 'living')]);
  });

  it('publishes nothing but the refreshed card when no card was cached', async () => {
    const s = setup({ cachedCard: false, refreshed: async (livingId) => card(livingId, 'living') });
    expect(await s.deliver({ status: 1, createTime: 1000 })).toBe('applied');
    await s.settle();
    expect(s.published).toEqual([card(LIVE, 'living')]);
  });

  it('keeps the pushed status and logs a warning when the refresh fails', async () => {
    const s = setup({ refreshed: async () => Promise.reject(new Error('WeCom down')) });
    expect(await s.deliver({ status: 2, createTime: 1000 })).toBe('applied');
    await s.settle();
    expect(s.published).toEqual([card(LIVE, 'ended')]);
    expect(s.lines.filter((l) => l.event === 'callback_refresh_failed')).toEqual([
      expect.objectContaining({ livingId: LIVE, err: 'Error: WeCom down', level: 40 }),
    ]);
  });

  it('applies each event once within the dedupe time (30 minutes), however often it comes', async () => {
    const s = setup();
    expect(await s.deliver({ status: 1, createTime: 1000 })).toBe('applied');
    s.clock.advance(29 * 60_000);
    expect(await s.deliver({ status: 1, createTime: 1000 })).toBe('duplicate');
    expect(s.applied).toHaveLength(1);
    expect(s.events).toEqual(['applied', 'duplicate']);
    // Another status, or another time, is another event.
    expect(await s.deliver({ status: 2, createTime: 1000 })).toBe('applied');
    expect(await s.deliver({ status: 2, createTime: 1001 })).toBe('applied');
    expect(await s.deliver({ livingId: 'lvOtherLive', status: 1, createTime: 1000 })).toBe('applied');
  });

  it('forgets an event after its own dedupe time when given one', async () => {
    const s = setup({ dedupeMs: 1000 });
    expect(await s.deliver({ status: 1, createTime: 1000 })).toBe('applied');
    s.clock.advance(1001);
    // No longer a duplicate: it is judged by order instead (the same event again is not older).
    expect(await s.deliver({ status: 1, createTime: 1000 })).toBe('applied');
  });

  it('ignores an event older than the last one applied to its live, for a day', async () => {
    const s = setup();
    expect(await s.deliver({ status: 2, createTime: 1000 })).toBe('applied');
    s.clock.advance(2 * 3600_000);
    expect(await s.deliver({ status: 1, createTime: 999 })).toBe('older');
    expect(s.applied).toEqual([[LIVE, 2]]);
    expect(s.events).toEqual(['applied', 'older']);
    // A newer one is applied; another live has its own order.
    expect(await s.deliver({ status: 1, createTime: 1001 })).toBe('applied');
    expect(await s.deliver({ livingId: 'lvOtherLive', status: 0, createTime: 5 })).toBe('applied');
  });

  it('orders two changes within one second by how far along its life each status is', async () => {
    const s = setup();
    expect(await s.deliver({ status: 1, createTime: 1000 })).toBe('applied');
    expect(await s.deliver({ status: 0, createTime: 1000 })).toBe('older');
    expect(await s.deliver({ status: 2, createTime: 1000 })).toBe('applied');
    expect(await s.deliver({ status: 1, createTime: 1000 })).toBe('duplicate');
    // Ended, expired and cancelled are all final: none is older than another.
    expect(await s.deliver({ status: 4, createTime: 1000 })).toBe('applied');
    expect(await s.deliver({ status: 3, createTime: 1000 })).toBe('applied');
    const other = setup();
    expect(await other.deliver({ status: 4, createTime: 1000 })).toBe('applied');
    expect(await other.deliver({ status: 1, createTime: 1000 })).toBe('older');
    expect(await other.deliver({ status: 0, createTime: 1000 })).toBe('older');
  });

  it('refuses what is not a signed living_status_change for our corp, and says why', async () => {
    const s = setup();
    const signedQuery = (encrypted: string) => {
      const timestamp = s.seconds();
      return { signature: s.wecom.sign(timestamp, '9', encrypted), timestamp, nonce: '9' };
    };
    const sealed = (message: string) => {
      const encrypted = s.wecom.seal(message);
      return s.service.receive(signedQuery(encrypted), `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`);
    };
    expect(await refusal(() => s.service.receive(signedQuery(''), 'not xml at all'))).toBe(
      'CALLBACK_INVALID: Callback refused: no Encrypt',
    );
    expect(await refusal(() => s.service.receive(signedQuery(''), '<xml><Encrypt></Encrypt></xml>'))).toBe(
      'CALLBACK_INVALID: Callback refused: no Encrypt',
    );
    expect(await refusal(() => s.service.receive(signedQuery(''), '<xml><Encrypt><a>1</a></Encrypt></xml>'))).toBe(
      'CALLBACK_INVALID: Callback refused: no Encrypt',
    );
    expect(await refusal(() => sealed('<xml><MsgType>text</MsgType></xml>'))).toBe(
      'CALLBACK_INVALID: Callback refused: not a living_status_change',
    );
    expect(await refusal(() => s.deliver({ status: 1, createTime: 1000, to: 'wwAnotherCorp' }))).toBe(
      'CALLBACK_INVALID: Callback refused: another corp',
    );
    expect(await refusal(() => s.deliver({ status: 1, createTime: 1000 }, { receiveId: 'wwAnotherCorp' }))).toBe(
      'CALLBACK_INVALID: Callback refused: wrong_receiver',
    );
    const old = String(Math.floor(s.clock.now() / 1000) - 360);
    expect(await refusal(() => s.deliver({ status: 1, createTime: 1000 }, { timestamp: old }))).toBe(
      'CALLBACK_INVALID: Callback refused: timestamp',
    );
    expect(s.events).toEqual(Array(7).fill('refused'));
    expect(s.applied).toEqual([]);
    await s.settle();
    expect(s.published).toEqual([]);
  });

  it('works without an onEvent listener', async () => {
    const s = setup({ withOnEvent: false });
    expect(await s.deliver({ status: 1, createTime: 1000 })).toBe('applied');
    expect(await refusal(() => s.deliver({ status: 1, createTime: 1000, to: 'wwAnotherCorp' }))).toBe(
      'CALLBACK_INVALID: Callback refused: another corp',
    );
  });
});
