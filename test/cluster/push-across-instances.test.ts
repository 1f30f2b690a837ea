/**
 * Push across instances: WeCom's callback lands on instance A, a screen's socket is on instance B (separate processes
 * of the built BFF, one Redis): B's screen has the new card within 2 s of A answering WeCom.
 */
import WebSocket from 'ws';
import { SANDBOX_LIVES, createSandbox, type Sandbox } from '../../sandbox';
import type { ServerFrame } from '../../shared/push';
import { wecomSide } from '../server/callback/wecom-side';
import { startTestRedis, type TestRedis } from '../support/redis-server';
import { startBff, type BffProcess } from './support/bff-process';

jest.setTimeout(60_000);

const CALLBACK = { token: 'ClusterPushToken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };

let redis: TestRedis;
let sandbox: Sandbox;
let a: BffProcess;
let b: BffProcess;
beforeAll(async () => {
  redis = await startTestRedis();
  sandbox = createSandbox();
  const sandboxUrl = await sandbox.listen();
  const env = { WECOM_CALLBACK_TOKEN: CALLBACK.token, WECOM_CALLBACK_AES_KEY: CALLBACK.encodingAesKey };
  [a, b] = await Promise.all([
    startBff({ sandboxUrl, redisUrl: redis.url, keyPrefix: 'push:', env }),
    startBff({ sandboxUrl, redisUrl: redis.url, keyPrefix: 'push:', env }),
  ]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sandbox.close();
  await redis.stop();
});

it('puts a status WeCom pushed to A on the screens connected to B within 2 s', async () => {
  const live = SANDBOX_LIVES.reservedSoon;
  await fetch(`${a.url}/api/lives/${live}`).then((r) => expect(r.status).toBe(200));
  const socket = new WebSocket(`${b.url.replace('http', 'ws')}/api/events`);
  const frames: ServerFrame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as ServerFrame));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ subscribe: [live] }));
  while (frames.length === 0) await new Promise((r) => setTimeout(r, 20));
  expect(frames[0]).toMatchObject({ type: 'card', card: { livingId: live, status: 'reserved' } });

  const wecom = wecomSide({ ...CALLBACK, corpId: sandbox.credentials.corpId });
  const d = wecom.delivery(wecom.event({ livingId: live, status: 1, createTime: Math.floor(Date.now() / 1000) }));
  const res = await fetch(`${a.url}/api/wecom/callback?${new URLSearchParams(d.query)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: d.body,
  });
  const answered = Date.now();
  expect([res.status, await res.text()]).toEqual([200, 'success']);
  while (!frames.some((f) => f.type === 'card' && f.card.status === 'living') && Date.now() - answered < 2000) {
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(frames.some((f) => f.type === 'card' && f.card.status === 'living')).toBe(true);
  expect(Date.now() - answered).toBeLessThan(2000);
  socket.close();
});

/** A's `callback` log lines for a live, once `count` of them are out (its JSON log is written asynchronously). */
async function logged(livingId: string, count: number) {
  const lines = () => a.logs().filter((l) => l.event === 'callback' && l.livingId === livingId);
  for (const deadline = Date.now() + 3000; lines().length < count && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return lines();
}

it("applies the sandbox WeCom's duplicated, reordered and forged deliveries exactly as WeCom's rules say", async () => {
  const live = SANDBOX_LIVES.reservedTomorrow;
  await fetch(`${a.url}/api/lives/${live}`).then((r) => expect(r.status).toBe(200));
  sandbox.callbacks.configure({
    url: `${a.url}/api/wecom/callback`,
    token: CALLBACK.token,
    aesKey: CALLBACK.encodingAesKey,
  });
  try {
    const mine = () => sandbox.callbacks.deliveries().filter((d) => d.livingId === live);
    // Four copies of one event: every copy answered, applied once.
    sandbox.callbacks.faults.duplicate(4);
    sandbox.lives.setStatus(live, 1);
    await sandbox.callbacks.idle();
    expect(mine().map((d) => d.httpStatus)).toEqual([200, 200, 200, 200]);
    // A forged signature is refused (400); WeCom retries, properly signed, and that one is applied.
    sandbox.callbacks.faults.forgeSignature();
    sandbox.lives.setStatus(live, 2);
    await sandbox.callbacks.idle();
    expect(
      mine()
        .slice(4)
        .map((d) => d.httpStatus),
    ).toEqual([400, 200]);
    // Two changes within one second, delivered newest first: the older one is answered and ignored.
    const other = SANDBOX_LIVES.reservedInFiveDays;
    sandbox.callbacks.faults.outOfOrder();
    sandbox.lives.setStatus(other, 1);
    sandbox.lives.setStatus(other, 2);
    await sandbox.callbacks.idle();
    const reordered = sandbox.callbacks.deliveries().filter((d) => d.livingId === other);
    expect(reordered.map((d) => [d.status, d.httpStatus])).toEqual([
      [2, 200],
      [1, 200],
    ]);
    const outcomes = await logged(other, 2);
    expect(outcomes.map((l) => [l.status, l.outcome])).toEqual([
      [2, 'applied'],
      [1, 'older'],
    ]);
    const applied = await logged(live, 5);
    expect(applied.map((l) => [l.status, l.outcome])).toEqual([
      [1, 'applied'],
      [1, 'duplicate'],
      [1, 'duplicate'],
      [1, 'duplicate'],
      [2, 'applied'],
    ]);
    expect((await (await fetch(`${b.url}/api/lives/${live}`)).json()).status).toBe('ended');
  } finally {
    sandbox.callbacks.configure(undefined);
  }
});
