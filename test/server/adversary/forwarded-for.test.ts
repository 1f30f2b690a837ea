/**
 * Issue 17, item 3: with TRUST_PROXY=1 the client address was the leftmost X-Forwarded-For entry, which the client
 * writes itself: every per-address limit (sign-ins, codes, beacons, sockets) could be dodged by writing a new
 * address each time, and a victim locked out by writing theirs. Now TRUST_PROXY=N means N proxies, and the client is
 * the Nth address from the right (what our own proxy appended), for Koa and the event socket alike; so is
 * X-Forwarded-Proto read.
 */
import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import Koa from 'koa';
import supertest from 'supertest';
import WebSocket from 'ws';
import { SANDBOX_LIVES } from '../../../sandbox';
import { forwardedClientIp, trustProxies } from '../../../server/network/forwarded-client-ip';
import { createSessionTokens } from '../../../server/sign-in/viewer-session-tokens';
import { SESSION_SECRET, startHarness, type Harness } from '../harness';
import { listenWithEventSocket, type ListeningEventSocket } from '../push/listening-event-socket';

const REAL = '203.0.113.7'; // the attacker, as our load balancer saw them
const VICTIM = '198.51.100.9';
const LIMITS = { loginsPerIpPerMinute: 3, codesPerSessionPerMinute: 100, codesPerIpPerMinute: 3, socketsPerIp: 2 };
/** What arrives behind one proxy: whatever the client wrote, then the address the proxy saw. */
const xff = (written: string, seen: string) => (written ? `${written}, ${seen}` : seen);

describe('TRUST_PROXY=1 and a forged leftmost X-Forwarded-For', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ logLevel: 'silent', config: { trustProxy: 1, limits: LIMITS } });
  });
  afterEach(() => h.close());

  /** The attacker's requests, each claiming another address; then the victim's own, which must still get through. */
  async function attackThenVictim(send: (forwardedFor: string) => Promise<supertest.Response>, ok: number) {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(xff(`10.0.0.${i + 1}`, REAL))).status);
    expect(statuses).toEqual([ok, ok, ok, 429]);
    // Writing the victim's address on the left spends the attacker's own allowance, not the victim's.
    for (let i = 0; i < 5; i++) expect((await send(xff(VICTIM, REAL))).status).toBe(429);
    expect((await send(xff('', VICTIM))).status).toBe(ok);
  }

  it('counts sign-ins against the real client', async () => {
    let n = 0;
    await attackThenVictim(
      (forwardedFor) =>
        h.http
          .post('/api/session/weapp')
          .set('X-Forwarded-For', forwardedFor)
          .send({ code: `xff-login-${n++}` }),
      200,
    );
  });

  it('counts code requests against the real client', async () => {
    // Sessions made directly (signing in is limited per address too, and not what this test is about).
    const sessions = createSessionTokens({ secret: SESSION_SECRET, appIds: [h.sandbox.credentials.miniAppId] });
    const tokens = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        sessions.issue({ openid: `o-xff-viewer-${i}`, appId: h.sandbox.credentials.miniAppId, via: 'weapp' }),
      ),
    );
    let n = 0;
    await attackThenVictim(
      (forwardedFor) =>
        h.http
          .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
          .set('Authorization', `Bearer ${tokens[n++ % tokens.length]!.token}`)
          .set('X-Forwarded-For', forwardedFor)
          .send({}),
      200,
    );
  });

  it('counts beacons against the real client', async () => {
    await attackThenVictim(
      (forwardedFor) =>
        h.http.post(`/api/lives/${SANDBOX_LIVES.living}/views`).set('X-Forwarded-For', forwardedFor).send({}),
      204,
    );
  });

  describe('event sockets', () => {
    let listening: ListeningEventSocket;
    let url: string;
    beforeEach(async () => {
      // As runInstance wires it.
      listening = await listenWithEventSocket(h, {
        maxSocketsPerIp: LIMITS.socketsPerIp,
        clientIp: (req) => forwardedClientIp(req, h.config.trustProxy),
      });
      url = listening.url;
    });
    afterEach(() => listening.close());
    const open = (forwardedFor: string) =>
      new Promise<{ socket: WebSocket; status?: number }>((resolve) => {
        const socket = new WebSocket(url, { headers: { 'X-Forwarded-For': forwardedFor } });
        socket.once('open', () => resolve({ socket }));
        socket.once('unexpected-response', (_req, res) => {
          resolve({ socket, status: res.statusCode });
          socket.terminate();
        });
        socket.once('error', () => undefined);
      });

    it('counts sockets against the real client', async () => {
      const opened = [];
      for (let i = 0; i < 3; i++) opened.push(await open(xff(`10.0.1.${i}`, REAL)));
      expect(opened.map((o) => o.status)).toEqual([undefined, undefined, 429]);
      expect((await open(xff(VICTIM, REAL))).status).toBe(429);
      const victim = await open(xff('', VICTIM));
      expect(victim.status).toBeUndefined();
      [...opened, victim].forEach((o) => o.socket.close());
    });
  });
});

describe('one rule for the client address and protocol', () => {
  /** A bare Koa app told about its proxies as createApp tells it; answers what Koa believes. */
  const probe = (hops: number) => {
    const app = new Koa();
    trustProxies(app, hops);
    app.use((ctx) => {
      ctx.body = { ip: ctx.ip, protocol: ctx.protocol, secure: ctx.secure };
    });
    return supertest(app.callback());
  };

  it('reads X-Forwarded-Proto under the same trust: ignored without proxies, the trusted entry with them', async () => {
    const none = await probe(0).get('/').set('X-Forwarded-Proto', 'https').set('X-Forwarded-For', '10.9.9.9');
    expect(none.body).toMatchObject({ protocol: 'http', secure: false });
    expect(none.body.ip).not.toBe('10.9.9.9');
    const one = await probe(1).get('/').set('X-Forwarded-Proto', 'https').set('X-Forwarded-For', `10.9.9.9, ${REAL}`);
    expect(one.body).toEqual({ ip: REAL, protocol: 'https', secure: true });
    // A client's own "https" left of what the proxy appended is not believed.
    const forged = await probe(1).get('/').set('X-Forwarded-Proto', 'https, http');
    expect(forged.body).toMatchObject({ protocol: 'http', secure: false });
    const two = await probe(2).get('/').set('X-Forwarded-For', `10.9.9.9, ${REAL}, 10.0.0.2`);
    expect(two.body.ip).toBe(REAL);
  });

  it("is Koa's own rule with app.maxIpsCount = N (the socket and the request agree)", () => {
    const entry = fc.oneof(fc.ipV4(), fc.ipV6(), fc.constant(''), fc.constant(' 10.0.0.1 '));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (list, hops) => {
        const req = {
          headers: list.length ? { 'x-forwarded-for': list.join(',') } : {},
          socket: { remoteAddress: '127.0.0.9' },
        } as unknown as IncomingMessage;
        const koa = new Koa({ proxy: true, maxIpsCount: hops });
        const ctx = koa.createContext(req, {} as never);
        expect(forwardedClientIp(req, hops)).toBe(ctx.ip || 'unknown');
      }),
      { numRuns: 300 },
    );
  });
});
