import { parseArgs } from 'node:util';
import { SANDBOX_LIVES } from './wecom/living/seed-lives';
import { createSandbox } from './sandbox';

/**
 * Runs the sandbox on its own, for people and for browser tests that start the BFF in another process:
 * `npx tsx sandbox/main.ts --port 9300`. Point the BFF's WeCom and WeChat API bases at the printed URL
 * and use the printed credentials. Options come from argv only (the environment is the config loader's).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '9300' }, host: { type: 'string', default: '127.0.0.1' } },
  });
  const sandbox = createSandbox();
  const base = await sandbox.listen(Number(values.port), values.host);
  process.stdout.write(
    `${JSON.stringify({ base, control: `${base}/__sandbox`, credentials: sandbox.credentials, lives: SANDBOX_LIVES }, null, 2)}\n`,
  );
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
