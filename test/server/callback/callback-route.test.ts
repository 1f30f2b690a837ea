import { SANDBOX_LIVES } from '../../../sandbox';
import type { LiveCard } from '../../../shared/live-card';
import { startHarness, type Harness } from '../harness';
import { wecomSide } from './wecom-side';

const CALLBACK = { token: 'T0kenForTests', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
const LIVE = SANDBOX_LIVES.reservedSoon;

describe('POST /api/wecom/callback', () => {
  let h: Harness;
  let pushed: LiveCard[];
  let wecom: ReturnType<typeof wecomSide>;
  beforeEach(async () => {
    h = await startHarness({ config: { callback: CALLBACK } });
    wecom = wecomSide({ ...CALLBACK, corpId: h.sandbox.credentials.corpId });
    pushed = [];
    h.services.cardBus.subscribe((card) => pushed.push(card));
  });
  afterEach(() => h.close());

  const deliver = (d: { query: Record<string, string>; body: string }, type = 'text/xml') =>
    h.http.post('/api/wecom/callback').query(d.query).set('Content-Type', type).send(d.body);
  const now = () => Math.floor(Date.now() / 1000);
  const eventually = async (check: () => void) => {
    for (let i = 0; ; i++) {
      try {
        return check();
      } catch (err) {
        if (i > 100) throw err;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  };

  it('answers the URL check with the decrypted echostr', async () => {
    const echostr = wecom.seal('4827309112749');
    const timestamp = String(now());
    const res = await h.http
      .get('/api/wecom/callback')
      .query({ msg_signature: wecom.sign(timestamp, '77', echostr), timestamp, nonce: '77', echostr });
    expect([res.status, res.text, res.headers['content-type']]).toEqual([
      200,
      '4827309112749',
      'text/plain; charset=utf-8',
    ]);
  });

  it('applies the status to the card and pushes it before WeCom answers the card refresh', async () => {
    await h.http.get(`/api/lives/${LIVE}`).expect(200); // a card is cached, status reserved
    h.sandbox.faults.latency('living/get_living_info', 1500);
    const started = Date.now();
    const res = await deliver(wecom.delivery(wecom.event({ livingId: LIVE, status: 1, createTime: now() })));
    expect([res.status, res.text]).toEqual([200, 'success']);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(pushed.map((c) => [c.livingId, c.status])).toEqual([[LIVE, 'living']]);
    expect((await h.http.get(`/api/lives/${LIVE}`).expect(200)).body.status).toBe('living');
    // Then the full card, fetched in the background, replaces it (and is pushed if it differs).
    await eventually(() => expect(h.sandbox.callsTo('living/get_living_info').length).toBe(2));
  });

  it('applies 4 copies of one event once, pushes once, and answers success to every copy', async () => {
    await h.http.get(`/api/lives/${LIVE}`).expect(200);
    const event = wecom.event({ livingId: LIVE, status: 1, createTime: now() });
    const answers = await Promise.all(Array.from({ length: 4 }, () => deliver(wecom.delivery(event))));
    expect(answers.map((r) => [r.status, r.text])).toEqual(Array(4).fill([200, 'success']));
    await eventually(() => expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(2));
    expect(pushed.filter((c) => c.status === 'living')).toHaveLength(1);
    expect(
      h.logs
        .parsed()
        .filter((l) => l.event === 'callback')
        .map((l) => l.outcome)
        .sort(),
    ).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
  });

  it('ignores an event older than the last one applied to that live, and still answers success', async () => {
    await h.http.get(`/api/lives/${LIVE}`).expect(200);
    const t = now();
    await deliver(wecom.delivery(wecom.event({ livingId: LIVE, status: 2, createTime: t }))).expect(200);
    const older = await deliver(wecom.delivery(wecom.event({ livingId: LIVE, status: 1, createTime: t - 5 })));
    expect([older.status, older.text]).toEqual([200, 'success']);
    expect(pushed.map((c) => c.status)[0]).toBe('ended');
    expect(pushed.some((c) => c.status === 'living')).toBe(false);
  });

  it.each([
    [
      'a forged signature',
      () => ({ ...wecom.delivery(wecom.event({ livingId: LIVE, status: 1, createTime: now() })), forge: true }),
      400,
    ],
    [
      'another corp as receiver',
      () => wecom.delivery(wecom.event({ livingId: LIVE, status: 1, createTime: now() }), { receiveId: 'wwOtherCorp' }),
      400,
    ],
    [
      'a timestamp 6 minutes old',
      () =>
        wecom.delivery(wecom.event({ livingId: LIVE, status: 1, createTime: now() }), {
          timestamp: String(now() - 360),
        }),
      400,
    ],
    [
      'an event for another corp',
      () => wecom.delivery(wecom.event({ livingId: LIVE, status: 1, createTime: now(), to: 'wwOther' })),
      400,
    ],
    [
      'malformed XML',
      () => ({ query: { msg_signature: 'x', timestamp: String(now()), nonce: '1' }, body: '<xml><Encrypt>' }),
      400,
    ],
    [
      'an XML bomb (entities are never expanded)',
      () => ({
        query: { msg_signature: 'x', timestamp: String(now()), nonce: '1' },
        body: '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>',
      }),
      400,
    ],
    [
      'a message that is not a status change',
      () => wecom.delivery('<xml><ToUserName>c</ToUserName><MsgType>text</MsgType></xml>'),
      400,
    ],
    [
      'a missing LivingId',
      () =>
        wecom.delivery(
          wecom.event({ livingId: LIVE, status: 1, createTime: now() }).replace(/<LivingId>.*<\/LivingId>/, ''),
        ),
      400,
    ],
    ['an unsigned request', () => ({ query: {}, body: '<xml/>' }), 400],
    [
      'a body that is not XML',
      () => ({
        ...wecom.delivery(wecom.event({ livingId: LIVE, status: 1, createTime: now() })),
        type: 'application/json',
      }),
      415,
    ],
    [
      'a body over 64 KB',
      () => ({
        query: { msg_signature: 'x', timestamp: String(now()), nonce: '1' },
        body: `<xml>${'x'.repeat(70_000)}</xml>`,
      }),
      413,
    ],
  ])('refuses %s with a 4xx and no effect', async (_name, make, status) => {
    await h.http.get(`/api/lives/${LIVE}`).expect(200);
    const d = make() as { query: Record<string, string>; body: string; forge?: boolean; type?: string };
    const query = d.forge ? { ...d.query, msg_signature: '0'.repeat(40) } : d.query;
    const res = await deliver({ query, body: d.body }, d.type);
    expect(res.status).toBe(status);
    expect(pushed).toEqual([]);
    expect((await h.http.get(`/api/lives/${LIVE}`).expect(200)).body.status).toBe('reserved');
    // One line says so, and never carries the payload.
    expect(h.logs.parsed().filter((l) => l.event === 'callback_refused')).toHaveLength(1);
    const payload = /<Encrypt><!\[CDATA\[(.*?)\]\]>/.exec(d.body)?.[1];
    if (payload) expect(h.logs.text()).not.toContain(payload);
  });
});

describe('POST /api/wecom/callback with push off', () => {
  it('answers 404', async () => {
    const h = await startHarness();
    try {
      await h.http.post('/api/wecom/callback').set('Content-Type', 'text/xml').send('<xml/>').expect(404);
      await h.http.get('/api/wecom/callback').expect(404);
    } finally {
      await h.close();
    }
  });
});
