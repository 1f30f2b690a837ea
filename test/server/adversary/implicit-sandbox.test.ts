/**
 * Adversary item 10, "sandbox by accident": a production environment with one name misspelt (`WECOM_CORPID`) must not
 * start the emulator on every interface, and `SANDBOX=1` must not quietly replace real credentials. The rules run on
 * `loadConfig`, and the built BFF (`npm run build:server`) is started once with the typo: it exits 78 naming what is
 * missing.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError, loadConfig } from '../../../server/config/config';
import { freePort } from '../../support/free-port';

const ROOT = join(__dirname, '../../..');
const MAIN = join(ROOT, 'build/server/server/main.js');

const PRODUCTION = {
  WECOM_CORP_ID: 'ww0123456789abcdef',
  WECOM_SECRET: 'a-wecom-secret-value',
  WX_MINI_APPID: 'wx0123456789abcdef',
  WX_MINI_SECRET: 'a-mini-secret-value',
  WX_MP_APPID: 'wxfedcba9876543210',
  WX_MP_SECRET: 'a-service-account-secret',
  PUBLIC_ORIGIN: 'https://live.example.com',
  SESSION_SECRET: 's'.repeat(32),
};

/** The production environment with `WECOM_CORP_ID` written as `WECOM_CORPID`. */
const { WECOM_CORP_ID: corpId, ...withoutCorpId } = PRODUCTION;
const TYPO = { ...withoutCorpId, WECOM_CORPID: corpId };

const problemsOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join('\n');
    throw err;
  }
  throw new Error('the configuration was accepted');
};

describe('no implicit sandbox', () => {
  it('runs the sandbox only when no production variable is set at all', () => {
    expect(loadConfig({}).sandbox).toBe(true);
    expect(loadConfig({ PORT: '4000', LIVE_IDS: 'lvA', REDIS_URL: 'redis://127.0.0.1:6379' }).sandbox).toBe(true);
  });

  it('refuses a production environment with one name misspelt, naming the missing variable', () => {
    const problems = problemsOf(TYPO);
    expect(problems).toContain('WECOM_CORP_ID: required outside sandbox mode');
    expect(problems).not.toContain('WECOM_SECRET: required');
  });

  it.each(Object.keys(PRODUCTION).concat(['WECOM_AGENT_ID', 'WECOM_CALLBACK_TOKEN', 'WECOM_CALLBACK_AES_KEY']))(
    'is not in sandbox mode once %s alone is set',
    (name) => {
      expect(problemsOf({ [name]: 'x' })).toContain('required outside sandbox mode');
    },
  );

  it('counts a production variable set but empty as set', () => {
    expect(problemsOf({ WECOM_SECRET: '' })).toContain('WECOM_CORP_ID: required outside sandbox mode');
  });

  it('refuses SANDBOX=1 beside real credentials, naming them', () => {
    const problems = problemsOf({ ...PRODUCTION, SANDBOX: '1' });
    expect(problems).toMatch(/^SANDBOX: .*WECOM_CORP_ID, WECOM_SECRET, WX_MINI_APPID/m);
    expect(problemsOf({ SANDBOX: '1', WX_MP_SECRET: 'a-service-account-secret' })).toContain('WX_MP_SECRET');
  });

  it('keeps SANDBOX=1 with a fixed session secret and origin (several sandbox instances share them)', () => {
    const config = loadConfig({
      SANDBOX: '1',
      SESSION_SECRET: 's'.repeat(32),
      PUBLIC_ORIGIN: 'http://localhost:8080',
    });
    expect(config.sandbox).toBe(true);
  });

  it('exits 78 at a real start of the built BFF with WECOM_CORPID misspelt', async () => {
    if (!existsSync(MAIN)) throw new Error(`${relative(ROOT, MAIN)} is missing: run \`npm run build:server\` first`);
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), SANDBOX_PORT: '0', LOG_LEVEL: 'info', ...TYPO },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => {
      // A sandbox that started would keep running: stop it after a while and report what it said.
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        done(exitCode);
      });
    });
    expect({ code, sandbox: output.includes('SANDBOX MODE') }).toEqual({ code: 78, sandbox: false });
    expect(output).toContain('WECOM_CORP_ID: required outside sandbox mode');
  }, 20_000);
});
