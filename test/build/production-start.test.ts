/**
 * The emulator is not the product: the built BFF started with real credentials must not load a single module of
 * `sandbox/`, while the same build in sandbox mode does (which shows the check can see it). Each start runs in a
 * child process that reports, once the BFF answers on its port, which modules it has loaded.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/free-port';

const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'build/server/server/main.js');
const SANDBOX_DIR = join(ROOT, 'build/server/sandbox');

/** Requires the built entry, waits until it accepts connections, prints the loaded module files and exits. */
const REPORTER = `
const net = require('node:net');
require(process.env.MAIN);
const poll = () => net.connect(Number(process.env.PORT), '127.0.0.1')
  .once('connect', () => { process.stdout.write('MODULES ' + JSON.stringify(Object.keys(require.cache)) + '\\n'); process.exit(0); })
  .once('error', () => setTimeout(poll, 50));
poll();
`;

async function loadedModules(env: Record<string, string>): Promise<string[]> {
  const port = await freePort();
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', REPORTER], {
    env: { PATH: process.env.PATH ?? '', MAIN, PORT: String(port), LOG_LEVEL: 'silent', ...env },
    timeout: 15_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('MODULES '));
  if (!line) throw new Error(`the BFF never listened:\n${stdout}`);
  return JSON.parse(line.slice('MODULES '.length)) as string[];
}

describe('a production start', () => {
  if (!existsSync(MAIN)) throw new Error(`${relative(ROOT, MAIN)} is missing: run \`npm run build:server\` first`);
  const fromSandbox = (files: string[]) => files.filter((f) => f.startsWith(`${SANDBOX_DIR}/`));

  it('never loads the sandbox', async () => {
    const modules = await loadedModules({
      WECOM_CORP_ID: 'ww0123456789abcdef',
      WECOM_SECRET: 'production-secret-not-used-here',
      // Nothing is called at start; an unreachable origin makes sure nothing could be.
      WECOM_API_BASE: 'http://127.0.0.1:9',
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      WX_MINI_APPID: 'wx0123456789abcdef',
      WX_MINI_SECRET: 'mini-secret-not-used-here',
      WX_MP_APPID: 'wxfedcba9876543210',
      WX_MP_SECRET: 'mp-secret-not-used-here',
      PUBLIC_ORIGIN: 'https://live.example.com',
      SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
    });
    expect(modules).toContain(MAIN);
    expect(fromSandbox(modules)).toEqual([]);
  });

  it('loads it in sandbox mode (so the check above can see it)', async () => {
    const modules = await loadedModules({ SANDBOX_PORT: '0' });
    expect(fromSandbox(modules)).toContain(join(SANDBOX_DIR, 'sandbox.js'));
  });
});
