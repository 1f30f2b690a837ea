import supertest from 'supertest';
import { Writable } from 'node:stream';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config/config';
import { pointAtSandbox } from '../sandbox/point-at-sandbox';
import { createLogger } from '../server/logging/logger';
import { SANDBOX_LIVES, createSandbox } from '../sandbox';
import { createServices } from '../server/services';
import { createMemoryStore } from '../server/store/memory-store';

/**
 * 1,000 distinct viewers each ask for a code for one live, twice within four minutes (3.5 minutes apart on a
 * controlled clock). Counts what reached WeCom.
 */
export async function countUpstreamCalls({ viewers = 1000, gapMs = 3.5 * 60_000, batch = 100 } = {}) {
  let t = Date.now();
  const now = () => t;
  const sandbox = createSandbox({ now });
  const base = await sandbox.listen(0);
  // 1,000 viewers, all on loopback: lift the per-IP limits a real deployment keeps (they would see one client).
  const config = loadConfig({
    SANDBOX: '1',
    LIMIT_LOGINS_PER_IP_PER_MINUTE: '1000000',
    LIMIT_CODES_PER_IP_PER_MINUTE: '1000000',
  });
  const freshMs = 5_000;
  const services = createServices({
    config: pointAtSandbox(config, base, sandbox.credentials),
    sessionSecret: 'bench-session-secret-0123456789-0123456789',
    store: createMemoryStore({ now }),
    logger: createLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, done) => done() }) }),
    now,
    cards: { freshMs },
  });
  const http = supertest(createApp(services).callback());
  const livingId = SANDBOX_LIVES.living;

  const tokens: string[] = [];
  for (let i = 0; i < viewers; i += batch) {
    const logins = await Promise.all(
      Array.from({ length: Math.min(batch, viewers - i) }, (_, j) =>
        http.post('/api/session/weapp').send({ code: `viewer${i + j}-bench` }),
      ),
    );
    tokens.push(...logins.map((r) => r.body.token as string));
  }
  sandbox.resetCalls();

  const round = async () => {
    let ok = 0;
    for (let i = 0; i < tokens.length; i += batch) {
      const answers = await Promise.all(
        tokens
          .slice(i, i + batch)
          .map((token) => http.post(`/api/lives/${livingId}/code`).set('Authorization', `Bearer ${token}`).send({})),
      );
      ok += answers.filter((r) => r.status === 200).length;
    }
    return ok;
  };
  const started = t;
  const firstOk = await round();
  t += gapMs;
  const secondOk = await round();
  const cachePeriods = Math.floor((t - started) / freshMs) + 1;
  const figures = {
    viewers,
    answered: firstOk + secondOk,
    gettoken: sandbox.callsTo('gettoken').length,
    getLivingInfo: sandbox.callsTo('living/get_living_info').length,
    cachePeriodsSpanned: cachePeriods,
    roundsTouchingWecom: 2,
    getLivingCode: sandbox.callsTo('living/get_living_code').length,
  };
  await sandbox.close();
  return figures;
}
