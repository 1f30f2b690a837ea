/**
 * One status change to thousands of open screens: `SOCKETS` sockets subscribed to one live, split across two built
 * BFF processes on one Redis (`npm run build:server` first). WeCom's callback is POSTed to the first; the figure is
 * the delay from WeCom sending it to each socket receiving the new card, plus the servers' memory per socket.
 *
 * `npx tsx bench/push-fanout.ts [--sockets 5000]`
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { SANDBOX_LIVES, createSandbox } from '../sandbox';
import { FAST_POLL_MS } from '../client/src/api/poll-schedule';
import type { ServerFrame } from '../shared/push';
import { startBff } from '../test/cluster/support/bff-process';
import { wecomSide } from '../test/server/callback/wecom-side';
import { startTestRedis } from '../test/support/redis-server';

const CALLBACK = { token: 'PushBenchToken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
/** How often a page polls while its socket is up (client/src/push: the safety net). */
const PUSH_SAFETY_POLL_MS = 60_000;

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

export async function measureFanout({ sockets: count = 5000 } = {}) {
  const redis = await startTestRedis();
  const sandbox = createSandbox();
  const sandboxUrl = await sandbox.listen();
  const env = {
    WECOM_CALLBACK_TOKEN: CALLBACK.token,
    WECOM_CALLBACK_AES_KEY: CALLBACK.encodingAesKey,
    LIMIT_SOCKETS_PER_IP: String(count),
    LOG_LEVEL: 'warn',
  };
  const bffs = await Promise.all([
    startBff({ sandboxUrl, redisUrl: redis.url, keyPrefix: 'fanout:', env }),
    startBff({ sandboxUrl, redisUrl: redis.url, keyPrefix: 'fanout:', env }),
  ]);
  const live = SANDBOX_LIVES.reservedSoon;
  await fetch(`${bffs[0]!.url}/api/lives/${live}`);
  const rssBefore = bffs.map((b) => rssKb(b.child.pid!));

  const received: number[] = [];
  const subscribedAt: boolean[] = [];
  const clients: WebSocket[] = [];
  let ready = 0;
  const opening: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const socket = new WebSocket(`${bffs[i % 2]!.url.replace('http', 'ws')}/api/events`);
    clients.push(socket);
    opening.push(
      new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data)) as ServerFrame;
          if (frame.type !== 'card') return;
          if (frame.card.status === 'reserved') {
            if (!subscribedAt[i]) ready++;
            subscribedAt[i] = true;
            resolve();
          } else if (frame.card.status === 'living' && received[i] === undefined) received[i] = performance.now();
        });
        socket.once('open', () => socket.send(JSON.stringify({ subscribe: [live] })));
      }),
    );
    if (i % 200 === 199) await new Promise((r) => setTimeout(r, 20)); // do not open 5,000 at the same instant
  }
  await Promise.all(opening);
  const rssAfter = bffs.map((b) => rssKb(b.child.pid!));

  const wecom = wecomSide({ ...CALLBACK, corpId: sandbox.credentials.corpId });
  const d = wecom.delivery(wecom.event({ livingId: live, status: 1, createTime: Math.floor(Date.now() / 1000) }));
  // Measured from the moment WeCom sends its POST: the answer, the publish and every socket's frame.
  const sentAt = performance.now();
  const res = await fetch(`${bffs[0]!.url}/api/wecom/callback?${new URLSearchParams(d.query)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: d.body,
  });
  const answerMs = performance.now() - sentAt;
  const deadline = Date.now() + 10_000;
  while (received.filter((x) => x !== undefined).length < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const delays = received
    .filter((x) => x !== undefined)
    .map((x) => x - sentAt)
    .sort((a, b) => a - b);

  for (const socket of clients) socket.terminate();
  await Promise.all(bffs.map((b) => b.stop()));
  await sandbox.close();
  await redis.stop();
  const perSocketKb = (rssAfter.reduce((a, b) => a + b, 0) - rssBefore.reduce((a, b) => a + b, 0)) / count;
  return {
    sockets: count,
    subscribed: ready,
    callbackAnswer: res.status,
    callbackAnswerMs: Math.round(answerMs),
    delivered: delays.length,
    delayMs: { p50: percentile(delays, 0.5), p99: percentile(delays, 0.99), max: delays[delays.length - 1] },
    serverMemoryPerSocketKb: Math.round(perSocketKb * 10) / 10,
    pageRequestsPerSecond: {
      polling: Math.round((count * 1000) / FAST_POLL_MS),
      push: Math.round((count * 1000) / PUSH_SAFETY_POLL_MS),
    },
  };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { sockets: { type: 'string' } } });
  measureFanout({ sockets: values.sockets ? Number(values.sockets) : undefined }).then(
    (figures) => {
      console.log(JSON.stringify(figures, null, 2));
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
