import { SANDBOX_LIVES } from '../../../sandbox';
import { loadConfig, type Config } from '../../../server/config/config';
import { createMemoryStore } from '../../../server/store/memory-store';
import type { Store } from '../../../server/store/store';
import { startHarness, type Harness } from '../harness';
import { wecomSide } from '../callback/wecom-side';
import { MINI_TEMPLATE, MP_TEMPLATE, h5Cookie, reminderConfig, waitFor } from './reminder-support';

const CALLBACK = { token: 'T0kenForTests', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
const LIVE = SANDBOX_LIVES.reservedSoon;
const PAGE = `pages/live/index?id=${LIVE}&from=remind`;

async function reminderHarness(
  overrides: Partial<Config['reminders']> = {},
  { push = true, store }: { push?: boolean; store?: Store } = {},
) {
  return startHarness({
    config: {
      reminders: reminderConfig(loadConfig({ SANDBOX: '1' }).reminders, overrides),
      ...(push ? { callback: CALLBACK } : {}),
    },
    tuning: { upstream: { outageHoldMs: 5, rateLimitHoldMs: 5, backoff: { baseMs: 5, maxMs: 20 } } },
    logLevel: 'info',
    ...(store ? { stores: { store } } : {}),
  });
}

/** A mini program viewer who accepted the template in WeChat's prompt (the sandbox is told) and told the BFF. */
async function subscribeMini(h: Harness, livingId = LIVE, { accept = true } = {}) {
  const { token, openid } = await h.login();
  if (accept) h.sandbox.subscriptions.accept('mini', openid, MINI_TEMPLATE);
  else h.sandbox.subscriptions.refuse('mini', openid);
  await h.http
    .post(`/api/lives/${livingId}/reminder`)
    .set('Authorization', `Bearer ${token}`)
    .send({ templateId: MINI_TEMPLATE })
    .expect(200);
  return openid;
}

/** The live starts in the sandbox, and WeCom's callback says so. */
async function startLive(h: Harness, livingId = LIVE, createTime = Math.floor(Date.now() / 1000)) {
  h.sandbox.lives.setStatus(livingId, 1);
  const wecom = wecomSide({ ...CALLBACK, corpId: h.sandbox.credentials.corpId });
  const d = wecom.delivery(wecom.event({ livingId, status: 1, createTime }));
  await h.http.post('/api/wecom/callback').query(d.query).set('Content-Type', 'text/xml').send(d.body).expect(200);
}

const settled = (h: Harness, livingId = LIVE) =>
  waitFor(async () => (await h.services.reminders.stats(livingId)).pending === 0, 10_000, 'reminders to settle');

describe('reminders sent when WeCom calls back that the live started', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await reminderHarness();
  });
  afterEach(async () => {
    await h.services.reminderJobs.stop();
    await h.close();
  });

  it('sends every subscriber one message opening our live page, from their own app', async () => {
    h.sandbox.lives.upsert(LIVE, { theme: '2027 新品发布会：全系列产品线与合作伙伴计划首次公开' });
    const minis = [await subscribeMini(h), await subscribeMini(h)];
    const refused = await subscribeMini(h, LIVE, { accept: false });
    h.sandbox.subscriptions.accept('mp', 'o-h5-viewer', MP_TEMPLATE);
    await h.http
      .post(`/api/lives/${LIVE}/reminder`)
      .set('Cookie', await h5Cookie(h, 'o-h5-viewer'))
      .set('Origin', 'http://live.test')
      .send({ templateId: MP_TEMPLATE })
      .expect(200);
    await startLive(h);
    await settled(h);

    const delivered = h.sandbox.subscriptions.deliveries();
    expect(delivered.map((d) => d.touser).sort()).toEqual([...minis, 'o-h5-viewer'].sort());
    const mini = delivered.find((d) => d.app === 'mini')!;
    expect(mini.page).toBe(PAGE);
    expect(mini.data.thing1).toBe('2027 新品发布会：全系列产品线与合…');
    expect([...mini.data.thing1!]).toHaveLength(20);
    expect(mini.data.time2).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    const mp = delivered.find((d) => d.app === 'mp')!;
    expect(mp.miniprogram).toEqual({ appid: h.sandbox.credentials.miniAppId, pagepath: PAGE });
    expect(JSON.stringify(delivered)).not.toMatch(/living_code/);
    expect(await h.services.reminders.stats(LIVE)).toEqual({
      subscribers: 4,
      pending: 0,
      sent: 3,
      failed: [{ reason: '43101', count: 1 }],
      sending: false,
    });
    expect(
      h.sandbox.callsTo('message/subscribe/send').filter((c) => c.body && JSON.stringify(c.body).includes(refused)),
    ).toHaveLength(1);

    // WeCom delivers again, and a later event says it again: nothing is sent twice.
    await startLive(h);
    await startLive(h, LIVE, Math.floor(Date.now() / 1000) + 5);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.sandbox.subscriptions.deliveries()).toHaveLength(3);
    const state = await h.http
      .get(`/api/lives/${LIVE}/reminder`)
      .set('Authorization', `Bearer ${(await h.login('late-viewer')).token}`);
    expect(state.body).toEqual({ templateId: null, subscribed: false });
  });

  it('never logs an access token or the message body', async () => {
    await subscribeMini(h);
    await startLive(h);
    await settled(h);
    const text = h.logs.text();
    for (const secret of h.sandbox.secrets()) expect(text).not.toContain(secret);
  });
});

describe('what each of WeChat answers does to a reminder', () => {
  let h: Harness;
  afterEach(async () => {
    await h.services.reminderJobs.stop();
    await h.close();
  });

  it.each([43101, 40003, 40037, 47003])('gives up at once on %s, recording it as the reason', async (errcode) => {
    h = await reminderHarness();
    await subscribeMini(h);
    h.sandbox.faults.failNext('message/subscribe/send', errcode);
    await startLive(h);
    await settled(h);
    expect(h.sandbox.callsTo('message/subscribe/send')).toHaveLength(1);
    expect(await h.services.reminders.stats(LIVE)).toMatchObject({
      sent: 0,
      failed: [{ reason: String(errcode), count: 1 }],
    });
  });

  it.each([
    ['-1', (h: Harness) => h.sandbox.faults.failNext('message/subscribe/send', -1)],
    ['45009', (h: Harness) => h.sandbox.faults.failNext('message/subscribe/send', 45009)],
    ['a dropped connection', (h: Harness) => h.sandbox.faults.drop('message/subscribe/send')],
    ['a gateway error', (h: Harness) => h.sandbox.faults.httpStatus('message/subscribe/send', 502)],
  ])('tries again after %s, and sends once', async (_, fault) => {
    h = await reminderHarness();
    await subscribeMini(h);
    fault(h);
    await startLive(h);
    await settled(h);
    expect(h.sandbox.subscriptions.deliveries()).toHaveLength(1);
    expect(await h.services.reminders.stats(LIVE)).toMatchObject({ sent: 1, failed: [] });
  });

  it("records 'retries' when -1 outlasts the attempts", async () => {
    h = await reminderHarness({ attempts: 3 });
    await subscribeMini(h);
    h.sandbox.faults.failNext('message/subscribe/send', -1, 3);
    await startLive(h);
    await settled(h);
    expect(h.sandbox.callsTo('message/subscribe/send')).toHaveLength(3);
    expect(await h.services.reminders.stats(LIVE)).toMatchObject({
      sent: 0,
      failed: [{ reason: 'retries', count: 1 }],
    });
  });
});

describe('the reconciler, for lives WeCom does not call back about', () => {
  let h: Harness;
  let store: Store;
  beforeEach(async () => {
    store = createMemoryStore();
    // Push off: no live is called back about. Lives within four hours of their start are looked at.
    h = await reminderHarness({ pollMs: 4 * 3600_000 }, { push: false, store });
  });
  afterEach(async () => {
    await h.services.reminderJobs.stop();
    await h.close();
  });
  const tick = () => h.services.reminderJobs.tick();

  it('polls only lives with reminders, sends them once the live is on', async () => {
    await subscribeMini(h);
    await subscribeMini(h);
    h.sandbox.resetCalls();
    expect(await tick()).toBe(1);
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(1);
    // Within its interval, a live is not asked about again.
    expect(await tick()).toBe(0);
    expect(h.sandbox.subscriptions.deliveries()).toHaveLength(0);

    h.sandbox.lives.setStatus(LIVE, 1);
    await store.delete(`reminders:poll:${LIVE}`);
    expect(await tick()).toBe(1);
    await settled(h);
    expect(h.sandbox.subscriptions.deliveries()).toHaveLength(2);
    expect(h.sandbox.callsTo('living/get_living_info')).toHaveLength(2);
  });

  it('drops the reminders of a live cancelled', async () => {
    await subscribeMini(h);
    h.sandbox.lives.setStatus(LIVE, 4);
    await tick();
    expect(await h.services.reminders.stats(LIVE)).toEqual({
      subscribers: 0,
      pending: 0,
      sent: 0,
      failed: [],
      sending: false,
    });
    h.sandbox.lives.setStatus(LIVE, 1);
    await store.delete(`reminders:poll:${LIVE}`);
    expect(await tick()).toBe(0);
    expect(h.sandbox.subscriptions.deliveries()).toHaveLength(0);
  });

  it('keeps the reminders of a live moved, for its new start', async () => {
    const openid = await subscribeMini(h);
    const moved = Math.floor(Date.now() / 1000) + 2 * 3600;
    h.sandbox.lives.upsert(LIVE, { reserve_start: moved });
    await tick();
    expect(await h.services.reminders.stats(LIVE)).toMatchObject({ subscribers: 1, pending: 1 });
    h.sandbox.lives.setStatus(LIVE, 1);
    await store.delete(`reminders:poll:${LIVE}`);
    await tick();
    await settled(h);
    expect(h.sandbox.subscriptions.deliveries().map((d) => d.touser)).toEqual([openid]);
  });
});
