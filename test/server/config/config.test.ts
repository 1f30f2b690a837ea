import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from '../../../server/config/config';

const REAL = {
  WECOM_CORP_ID: 'ww0123456789abcdef',
  WECOM_SECRET: 'a-wecom-secret',
  WX_MINI_APPID: 'wx0123456789abcdef',
  WX_MINI_SECRET: 'a-mini-secret',
  WX_MP_APPID: 'wxfedcba9876543210',
  WX_MP_SECRET: 'a-service-account-secret',
  PUBLIC_ORIGIN: 'https://live.example.com',
  SESSION_SECRET: 's'.repeat(32),
};

describe('configuration for several instances', () => {
  it('keeps everything in memory, for one instance, without REDIS_URL', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      redis: undefined,
      webConcurrency: 1,
      wecomBudget: { perMinute: 9000, perHour: 140_000 },
      shutdownGraceMs: 10_000,
      metrics: undefined,
      trustProxy: 0,
    });
  });

  it('reads the shared store, the budget, the workers and the limits', () => {
    const config = loadConfig({
      REDIS_URL: 'rediss://cache.internal:6380/2',
      REDIS_KEY_PREFIX: 'live-prod:',
      WECOM_BUDGET_PER_MINUTE: '5000',
      WEB_CONCURRENCY: '4',
      LIMIT_CODES_PER_SESSION_PER_MINUTE: '10',
      METRICS_PORT: '9464',
    });
    expect(config.redis).toEqual({
      url: 'rediss://cache.internal:6380/2',
      keyPrefix: 'live-prod:',
      commandTimeoutMs: 300,
    });
    expect(config.wecomBudget.perMinute).toBe(5000);
    expect(config.webConcurrency).toBe(4);
    expect(config.limits.codesPerSessionPerMinute).toBe(10);
    expect(config.metrics).toEqual({ port: 9464, host: '127.0.0.1' });
  });

  it('reads the lane for unknown lives: per address, a share of the budget, refusals remembered', () => {
    expect(loadConfig({}).unknownLives).toEqual({ perIpPerMinute: 20, budgetShare: 0.2, refusedMs: 600_000 });
    expect(
      loadConfig({
        LIMIT_UNKNOWN_LIVES_PER_IP_PER_MINUTE: '5',
        UNKNOWN_LIVES_BUDGET_SHARE: '0.05',
        UNKNOWN_LIVES_REFUSED_SECONDS: '1800',
      }).unknownLives,
    ).toEqual({ perIpPerMinute: 5, budgetShare: 0.05, refusedMs: 1_800_000 });
  });

  it.each([
    [{ UNKNOWN_LIVES_BUDGET_SHARE: '20' }, 'UNKNOWN_LIVES_BUDGET_SHARE: must be a fraction from 0 to 1'],
    [{ LIMIT_UNKNOWN_LIVES_PER_IP_PER_MINUTE: '0' }, 'LIMIT_UNKNOWN_LIVES_PER_IP_PER_MINUTE'],
    [{ WEB_CONCURRENCY: '2' }, 'WEB_CONCURRENCY: more than one worker needs REDIS_URL'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL: must be a redis:// or rediss:// URL'],
    [{ WECOM_BUDGET_PER_MINUTE: '20000' }, 'WECOM_BUDGET_PER_MINUTE'],
    [{ REDIS_KEY_PREFIX: 'has space' }, 'REDIS_KEY_PREFIX'],
  ])('refuses %j', (env, problem) => {
    expect(() => loadConfig(env)).toThrow(problem);
  });
});

describe('configuration', () => {
  it('defaults to sandbox mode without a corp id', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ sandbox: true, port: 3000, liveIds: [], liveAnchors: [] });
    expect(config.wecom.apiBase).toBe('https://qyapi.weixin.qq.com');
    expect(config.wechat.apiBase).toBe('https://api.weixin.qq.com');
  });

  it('runs against WeCom when the credentials are set', () => {
    const config = loadConfig({ ...REAL, LIVE_IDS: 'lvA, lvB,lvA', WECOM_API_BASE: 'http://127.0.0.1:4555/' });
    expect(config.sandbox).toBe(false);
    expect(config.liveIds).toEqual(['lvA', 'lvB']);
    expect(config.wecom).toEqual({
      corpId: REAL.WECOM_CORP_ID,
      secret: REAL.WECOM_SECRET,
      apiBase: 'http://127.0.0.1:4555',
    });
  });

  it('names every missing variable outside sandbox', () => {
    try {
      loadConfig({ SANDBOX: '0', WECOM_CORP_ID: 'ww01' });
      throw new Error('should have failed');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['WECOM_SECRET', 'WX_MINI_APPID', 'WX_MINI_SECRET', 'SESSION_SECRET'])
        expect(problems).toContain(name);
      expect(problems).not.toContain('WECOM_CORP_ID');
    }
  });

  it.each([
    ['PORT', 'eighty'],
    ['WECOM_API_BASE', 'ftp://example.com'],
    ['SESSION_SECRET', 'short'],
    ['WX_MINI_APPID', 'not-an-appid'],
    ['LIVE_IDS', 'ok,../bad'],
    ['SANDBOX', 'maybe'],
    ['PUBLIC_ORIGIN', 'https://live.example.com/path'],
    ['WX_MP_APPID', 'gh_123'],
  ])('refuses an invalid %s', (name, value) => {
    expect(() => loadConfig({ ...REAL, [name]: value })).toThrow(name);
  });

  it('stops the process at start with a message naming each offending variable', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH, SANDBOX: '0', WECOM_CORP_ID: 'ww01', PORT: 'x' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    for (const name of [
      'PORT',
      'WECOM_SECRET',
      'WX_MINI_APPID',
      'WX_MINI_SECRET',
      'WX_MP_APPID',
      'WX_MP_SECRET',
      'PUBLIC_ORIGIN',
      'SESSION_SECRET',
    ]) {
      expect(run.stderr).toContain(name);
    }
    expect(run.stderr).not.toContain('WECOM_CORP_ID');
  });
});

describe('configuration of 开播提醒', () => {
  it('offers no reminder on a platform without a template, and reads the keywords a template names', () => {
    const none = loadConfig({ ...REAL });
    expect(none.reminders.mini).toBeUndefined();
    expect(none.reminders.mp).toBeUndefined();
    const config = loadConfig({
      ...REAL,
      WX_MINI_REMINDER_TEMPLATE_ID: 'tmplMini',
      WX_MP_REMINDER_TEMPLATE_ID: 'tmplMp',
      WX_MP_REMINDER_FIELDS: ' thing4:theme , date5:start,name6:anchor ',
      REMINDER_SEND_RATE: '200',
    });
    expect(config.reminders.mini).toEqual({
      templateId: 'tmplMini',
      fields: [
        { keyword: 'thing1', source: 'theme' },
        { keyword: 'time2', source: 'start' },
        { keyword: 'thing3', source: 'note' },
      ],
    });
    expect(config.reminders.mp?.fields).toEqual([
      { keyword: 'thing4', source: 'theme' },
      { keyword: 'date5', source: 'start' },
      { keyword: 'name6', source: 'anchor' },
    ]);
    expect(config.reminders.sendRatePerSecond).toBe(200);
  });

  it.each([
    [{ WX_MINI_REMINDER_FIELDS: 'thing1' }, 'WX_MINI_REMINDER_FIELDS: "thing1": write keyword:source'],
    [{ WX_MINI_REMINDER_FIELDS: 'title1:theme' }, 'write keyword:source'],
    [{ WX_MINI_REMINDER_FIELDS: 'thing1:price' }, 'write keyword:source'],
    [{ WX_MP_REMINDER_FIELDS: 'thing1:start' }, 'a time/date keyword takes start'],
    [{ WX_MP_REMINDER_FIELDS: 'time2:theme' }, 'a time/date keyword takes start'],
    [{ WX_MP_REMINDER_FIELDS: ' , ' }, 'name at least one keyword'],
    [{ REMINDER_SEND_RATE: '0' }, 'REMINDER_SEND_RATE'],
  ])('refuses %j', (env, problem) => {
    expect(() => loadConfig({ ...REAL, ...env })).toThrow(problem);
  });
});

describe('configuration of URL Links', () => {
  it("defaults to WeChat's quota of 500,000 a day, a stop at 95 %, 30-day links renewed 7 days before", () => {
    expect(loadConfig({}).urlLinks).toEqual({
      quotaPerDay: 500_000,
      stopPercent: 95,
      lifetimeDays: 30,
      renewDays: 7,
      refusalHoldMs: 60_000,
    });
  });

  it('reads each setting', () => {
    const config = loadConfig({
      ...REAL,
      URL_LINK_QUOTA_PER_DAY: '100000',
      URL_LINK_QUOTA_STOP_PERCENT: '80',
      URL_LINK_DAYS: '14',
      URL_LINK_RENEW_DAYS: '3',
      URL_LINK_REFUSAL_HOLD_SECONDS: '300',
    });
    expect(config.urlLinks).toEqual({
      quotaPerDay: 100_000,
      stopPercent: 80,
      lifetimeDays: 14,
      renewDays: 3,
      refusalHoldMs: 300_000,
    });
  });

  it.each([
    [{ URL_LINK_QUOTA_PER_DAY: '0' }, 'URL_LINK_QUOTA_PER_DAY'],
    [{ URL_LINK_QUOTA_STOP_PERCENT: '101' }, 'URL_LINK_QUOTA_STOP_PERCENT'],
    [{ URL_LINK_QUOTA_STOP_PERCENT: '0' }, 'URL_LINK_QUOTA_STOP_PERCENT'],
    [{ URL_LINK_DAYS: '31' }, 'URL_LINK_DAYS'],
    [{ URL_LINK_DAYS: '1.5' }, 'URL_LINK_DAYS'],
    [{ URL_LINK_DAYS: '10', URL_LINK_RENEW_DAYS: '10' }, 'URL_LINK_RENEW_DAYS: must be fewer than URL_LINK_DAYS'],
    [{ URL_LINK_REFUSAL_HOLD_SECONDS: '0' }, 'URL_LINK_REFUSAL_HOLD_SECONDS'],
  ])('refuses %o', (env, problem) => {
    expect(() => loadConfig({ ...REAL, ...env })).toThrow(problem);
  });
});
