import { createSandbox, SANDBOX_LIVES } from '../../sandbox';
import { startSandbox } from './sandbox-harness';

describe('sandbox lifecycle', () => {
  it('listens on 127.0.0.1 and close() ends even with a keep-alive connection open', async () => {
    const h = await startSandbox();
    expect(h.base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await h.token();
    const started = performance.now();
    await h.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(fetch(`${h.base}/__sandbox`)).rejects.toThrow();
  });

  it('close() abandons calls waiting out a latency fault', async () => {
    const h = await startSandbox();
    h.sandbox.faults.latency('*', 60_000);
    const pending = h.request('/cgi-bin/gettoken');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.close();
    await expect(pending).rejects.toThrow('fetch failed');
  });

  it('can listen again after close and refuses to listen twice at once', async () => {
    const sandbox = createSandbox();
    await sandbox.listen();
    await expect(sandbox.listen()).rejects.toThrow('already listening');
    await sandbox.close();
    const base = await sandbox.listen();
    expect((await fetch(`${base}/__sandbox/lives/living`)).status).toBe(200);
    await sandbox.close();
  });

  it('callback() serves the same app without a port', async () => {
    const sandbox = createSandbox();
    const { default: request } = await import('supertest');
    const answer = await request(sandbox.callback()).get(`/__sandbox/lives/${SANDBOX_LIVES.living}`);
    expect(answer.status).toBe(200);
    expect(answer.body.info.status).toBe(1);
  });

  it('reset() re-seeds lives relative to the clock now and forgets logins', async () => {
    let now = Date.UTC(2025, 0, 1);
    const sandbox = createSandbox({ now: () => now });
    const base = await sandbox.listen();
    try {
      const login = () =>
        fetch(
          `${base}/sns/jscode2session?appid=${sandbox.credentials.miniAppId}&secret=${sandbox.credentials.miniSecret}&js_code=repeat-me&grant_type=authorization_code`,
        ).then((r) => r.json());
      expect(await login()).toHaveProperty('openid');
      expect(await login()).toHaveProperty('errcode', 40163);
      now += 86_400_000;
      sandbox.reset();
      expect(await login()).toHaveProperty('openid');
      expect(sandbox.lives.get(SANDBOX_LIVES.reservedSoon)?.reserve_start).toBeGreaterThan(now / 1000 + 20 * 60 - 1);
    } finally {
      await sandbox.close();
    }
  });
});
