/**
 * Adversary item 6, "staff rights outlive their grant": logout only cleared the cookie (the same token kept working
 * for 8 hours) and the role was read from the token, so a member taken off STAFF_MANAGERS or STAFF_USERIDS kept
 * managing lives until it expired. Here: logout ends the session at once; a change of the lists takes effect on the
 * next request; a manager (route) and an operator (CLI, through Redis) sign a member out everywhere; on two instances
 * sharing one Redis, and with Redis gone, staff requests get 503 + Retry-After rather than being trusted from memory.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { createSandbox, SANDBOX_LIVES, type Sandbox } from '../../../sandbox';
import { pointAtSandbox } from '../../../sandbox/point-at-sandbox';
import { loadConfig, type Config } from '../../../server/config/config';
import { startInProcessInstance } from '../../support/in-process-instance';
import { startTestRedis, type TestRedis } from '../../support/redis-server';
import { startHarness, type Harness } from '../harness';
import { staffSessionCookie } from '../sign-in/staff-session';

const ORIGIN = 'http://live.test';
const ROOT = join(__dirname, '../../..');
/**
 * Runs the sign-out command, without blocking this process (the instances under test live in it). Resolves with its
 * exit code and output.
 */
function signOutCommand(userId: string, env: Record<string, string | undefined>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/staff-sign-out.ts', userId],
      { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000 },
      (err, stdout, stderr) =>
        done({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

const ROSTER = { userIds: ['zhaomin', 'lifang', 'chenjing'], managers: ['lifang'] };

describe('staff rights end with their grant (one instance)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      config: { staff: { agentId: '1000002', ...ROSTER, loginBase: '' } },
      logLevel: 'info',
    });
  });
  afterEach(() => h.close());

  const me = (cookie: string) => h.http.get('/api/staff/me').set('Cookie', cookie);
  /** A manager-only change that WeCom never sees: without the confirmation a manager gets 400, anyone else 403. */
  const unconfirmedCancel = (cookie: string) =>
    h.http
      .post(`/api/staff/lives/${SANDBOX_LIVES.reservedSoon}/cancel`)
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .send({});

  it('refuses the same cookie the moment its holder logs out', async () => {
    const cookie = await staffSessionCookie(h, 'zhaomin');
    expect((await me(cookie)).status).toBe(200);
    await h.http.post('/api/staff/session/logout').set('Cookie', cookie).set('Origin', ORIGIN).send({}).expect(204);
    const after = await me(cookie);
    expect([after.status, after.body.error?.code]).toEqual([401, 'SESSION_INVALID']);
  });

  it('takes a member off STAFF_MANAGERS, then off STAFF_USERIDS, on the very next request', async () => {
    const cookie = await staffSessionCookie(h, 'lifang');
    expect((await unconfirmedCancel(cookie)).status).toBe(400);

    h.config.staff = { ...h.config.staff, managers: [] };
    const demoted = await unconfirmedCancel(cookie);
    expect([demoted.status, demoted.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    expect((await me(cookie)).body).toEqual({ userId: 'lifang', role: 'staff' });

    h.config.staff = { ...h.config.staff, userIds: ['zhaomin'] };
    expect((await me(cookie)).status).toBe(401);
    // Put back on the list, the old session stays ended: sign in again.
    h.config.staff = { ...h.config.staff, userIds: ['zhaomin', 'lifang'] };
    expect((await me(cookie)).status).toBe(401);
  });

  it('lets a manager sign a member out everywhere, audited; the member may sign in again', async () => {
    const [phone, desktop] = [await staffSessionCookie(h, 'zhaomin'), await staffSessionCookie(h, 'zhaomin')];
    const manager = await staffSessionCookie(h, 'lifang');
    const other = await staffSessionCookie(h, 'chenjing');

    // Not a manager: refused.
    const byStaff = await h.http
      .delete('/api/staff/members/lifang/sessions')
      .set('Cookie', other)
      .set('Origin', ORIGIN)
      .send({});
    expect(byStaff.status).toBe(403);
    expect((await me(manager)).status).toBe(200);

    await h.http
      .delete('/api/staff/members/zhaomin/sessions')
      .set('Cookie', manager)
      .set('Origin', ORIGIN)
      .send({})
      .expect(204);
    expect((await me(phone)).status).toBe(401);
    expect((await me(desktop)).status).toBe(401);
    expect((await me(other)).status).toBe(200);
    expect((await me(manager)).status).toBe(200);
    expect(h.logs.parsed()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: 'staff_action',
          userId: 'lifang',
          method: 'DELETE',
          route: '/api/staff/members/:userId/sessions',
          status: 204,
        }),
        expect.objectContaining({ event: 'staff_signed_out_everywhere', userId: 'zhaomin', by: 'lifang' }),
      ]),
    );

    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await me(await staffSessionCookie(h, 'zhaomin'))).status).toBe(200);
  });
});

describe('staff rights end with their grant (two instances, one Redis)', () => {
  let redis: TestRedis;
  let sandbox: Sandbox;
  let a: Awaited<ReturnType<typeof startInProcessInstance>>;
  let b: Awaited<ReturnType<typeof startInProcessInstance>>;
  const KEY_PREFIX = 'staff-revocation:';
  beforeAll(async () => {
    redis = await startTestRedis();
    sandbox = createSandbox({ wecomDomains: ['live.test'] });
    const base = await sandbox.listen();
    const config: Config = {
      ...pointAtSandbox(loadConfig({ SANDBOX: '1', LOG_LEVEL: 'silent' }), base, sandbox.credentials),
      publicOrigin: ORIGIN,
      redis: { url: redis.url, keyPrefix: KEY_PREFIX, commandTimeoutMs: 300 },
      staff: { agentId: sandbox.credentials.agentId, ...ROSTER, loginBase: base },
    };
    [a, b] = await Promise.all([
      startInProcessInstance({ config, now: Date.now }),
      startInProcessInstance({ config, now: Date.now }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await sandbox?.close();
    await redis?.stop();
  });

  const me = (url: string, cookie: string) => fetch(`${url}/api/staff/me`, { headers: { cookie } });

  it('ends a session logged out on one instance on the other at once', async () => {
    const cookie = await staffSessionCookie({ url: a.url, sandbox }, 'zhaomin');
    expect((await me(b.url, cookie)).status).toBe(200);
    const out = await fetch(`${b.url}/api/staff/session/logout`, {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(204);
    expect((await me(a.url, cookie)).status).toBe(401);
  });

  it('signs a member out everywhere from the command line, through Redis', async () => {
    const onA = await staffSessionCookie({ url: a.url, sandbox }, 'chenjing');
    const onB = await staffSessionCookie({ url: b.url, sandbox }, 'chenjing');
    const keep = await staffSessionCookie({ url: a.url, sandbox }, 'zhaomin');
    const run = await signOutCommand('chenjing', { REDIS_URL: redis.url, REDIS_KEY_PREFIX: KEY_PREFIX });
    expect([run.status, run.stdout]).toEqual([0, expect.stringContaining('chenjing is signed out everywhere')]);
    expect((await me(a.url, onA)).status).toBe(401);
    expect((await me(b.url, onB)).status).toBe(401);
    expect((await me(b.url, keep)).status).toBe(200);
  }, 40_000);

  it('says the command cannot reach a BFF in memory mode', async () => {
    const run = await signOutCommand('chenjing', {});
    expect(run.status).toBe(69);
    expect(run.stderr).toContain('No REDIS_URL');
  }, 40_000);

  it('answers 503 + Retry-After while Redis is away, never trusting memory, and 401 once it is back empty', async () => {
    const cookie = await staffSessionCookie({ url: a.url, sandbox }, 'zhaomin');
    await redis.kill();
    const during = await me(a.url, cookie);
    expect(during.status).toBe(503);
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    await redis.restart();
    // Reconnected (ioredis retries within ~2 s), Redis is empty: the session is gone, not trusted.
    let status = 0;
    for (let i = 0; i < 60 && status !== 401; i++) {
      status = (await me(a.url, cookie)).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(401);
  }, 30_000);
});
