/**
 * `npm run staff:sign-out -- <userid>` (or `node build/server/server/cli/staff-sign-out.js <userid>`): signs a staff
 * member out everywhere, from a shell, with the deployment's own environment. It writes to the shared store
 * (`REDIS_URL`, `REDIS_KEY_PREFIX`) through the same code the manager's route uses, so every instance refuses the
 * member's sessions on their next request. In memory mode (no `REDIS_URL`) the sessions live inside the running BFF
 * process, which this command cannot reach: it says so and exits 69.
 *
 * Exit codes: 0 done, 64 usage, 69 the store cannot be reached (or there is none), 78 invalid configuration.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { isWecomUserId } from '../../shared/wecom-userid';
import { ConfigError, loadConfig, type Config } from '../config/config';
import { createStaffSessions } from '../sign-in/staff-sessions';
import { createRedisStore } from '../store/redis-store';

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const userId = process.argv[2];
  if (!userId || !isWecomUserId(userId)) fail(64, 'usage: npm run staff:sign-out -- <WeCom userid>');
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(78, `${err.message}\nSee the configuration table in README.md.`);
    throw err;
  }
  if (!config.redis) {
    fail(
      69,
      'No REDIS_URL: staff sessions live in the memory of the running BFF process, which this command cannot reach.\n' +
        'Sign the member out from the staff console as a manager (DELETE /api/staff/members/<userid>/sessions), ' +
        'or restart the BFF (every session ends).',
    );
  }
  const redis = new Redis(config.redis.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
    commandTimeout: Math.max(config.redis.commandTimeoutMs, 2000),
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const sessions = createStaffSessions({
      // Nothing is signed here; the secret only has to exist.
      secret: config.sessionSecret ?? randomBytes(32).toString('base64url'),
      store: createRedisStore({ redis, keyPrefix: config.redis.keyPrefix }),
      roster: () => config.staff,
    });
    await sessions.signOutEverywhere(userId);
  } catch (err) {
    redis.disconnect();
    fail(69, `Could not reach Redis at ${new URL(config.redis.url).host}: ${(err as Error).message}`);
  }
  await redis.quit();
  process.stdout.write(`${userId} is signed out everywhere: every session they held is refused from now on.\n`);
}

void main();
