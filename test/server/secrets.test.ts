import { SANDBOX_ANCHORS, SANDBOX_LIVES } from '../../sandbox';
import { startHarness } from './harness';

describe('secrets', () => {
  it('never appear in a response, a header or a log line, even while things fail', async () => {
    const h = await startHarness({ config: { liveAnchors: [...SANDBOX_ANCHORS] } });
    try {
      const seen: string[] = [];
      const record = (res: { status: number; headers: Record<string, unknown>; text: string }) =>
        seen.push(`${res.status} ${JSON.stringify(res.headers)} ${res.text}`);

      const login = await h.http.post('/api/session/weapp').send({ code: 'secret-check-code' });
      record(login);
      const auth = `Bearer ${login.body.token}`;
      record(await h.http.get('/api/lives'));
      for (const id of Object.values(SANDBOX_LIVES)) {
        record(await h.http.get(`/api/lives/${id}`));
        record(await h.http.post(`/api/lives/${id}/code`).set('Authorization', auth).send({ replay: true }));
      }
      record(await h.http.post('/api/session/weapp').send({ code: 'secret-check-code' })); // reused → 401
      // The H5 sign-in too: it brings a user access token and refresh token from WeChat.
      const start = await h.http.get('/api/session/h5?returnTo=/');
      const approved = await fetch(start.headers.location as string, { redirect: 'manual' });
      const back = new URL(approved.headers.get('location')!);
      const stateCookie = (start.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
      record(start);
      record(await h.http.get(`${back.pathname}${back.search}`).set('Cookie', stateCookie));
      record(await h.http.get('/api/jssdk/config?url=http://live.test/live/lvA'));
      h.sandbox.tokens.expireAll();
      h.sandbox.lives.upsert('lvSecretRefresh1', { status: 1 });
      record(await h.http.get('/api/lives/lvSecretRefresh1')); // not cached yet: refreshes the token
      h.sandbox.faults.failNext('*', 40014, 3);
      record(await h.http.post(`/api/lives/${SANDBOX_LIVES.living}/code`).set('Authorization', auth).send({}));
      h.sandbox.faults.failNext('gettoken', 40001, 1);
      h.sandbox.tokens.invalidateAll();
      record(await h.http.get(`/api/lives/${SANDBOX_LIVES.reservedSoon}`));
      h.sandbox.faults.down();
      record(await h.http.get(`/api/lives/${SANDBOX_LIVES.expired}`));
      record(await h.http.get('/openapi.json'));

      const secrets = h.sandbox.secrets();
      expect(secrets).toEqual(
        expect.arrayContaining([h.sandbox.credentials.corpSecret, h.sandbox.credentials.mpSecret]),
      );
      expect(h.sandbox.tokens.issued().length).toBeGreaterThanOrEqual(2);
      expect(h.sandbox.wechat.issuedSessionKeys().length).toBeGreaterThanOrEqual(1);
      const responses = seen.join('\n');
      const logs = h.logs.text();
      expect(h.logs.lines.length).toBeGreaterThan(20);
      for (const secret of secrets) {
        expect(responses).not.toContain(secret);
        expect(logs).not.toContain(secret);
      }
      expect(logs).not.toMatch(/session_key/);
    } finally {
      await h.close();
    }
  });

  it('logs one JSON object per line: requests with their id, upstream calls with errcode and latency', async () => {
    const h = await startHarness();
    try {
      await h.http.get(`/api/lives/${SANDBOX_LIVES.living}`).set('X-Request-Id', 'trace-abc-123').expect(200);
      const lines = h.logs.parsed();
      const upstream = lines.filter((l) => l.event === 'upstream');
      expect(upstream.map((l) => l.api)).toEqual(['gettoken', 'living/get_living_info']);
      for (const line of upstream) expect(line).toMatchObject({ errcode: 0, latencyMs: expect.any(Number) });
      expect(lines.find((l) => l.event === 'request')).toMatchObject({
        reqId: 'trace-abc-123',
        status: 200,
        path: `/api/lives/${SANDBOX_LIVES.living}`,
      });
    } finally {
      await h.close();
    }
  });
});
