import { z } from 'zod';
import { LIVING_ID_PATTERN } from '../../shared/living-id';
import { WECOM_USERID_PATTERN } from '../../shared/wecom-userid';

/** Most viewers are in China: the first screen tells times on Beijing's clock unless told otherwise. */
export const DEFAULT_VIEWER_TIME_ZONE = 'Asia/Shanghai';

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The only place that reads `process.env`. Everything else receives a typed `Config`.
 *
 * With no production variable set at all (`PRODUCTION_VARIABLES`), or with `SANDBOX=1` and no platform credential,
 * the BFF talks to the built-in sandbox and every credential is optional; otherwise a missing or invalid variable
 * stops start-up with a message naming all of them.
 */
export interface Config {
  port: number;
  host: string | undefined;
  sandbox: boolean;
  /** Port of the sandbox emulator in sandbox mode (0 = any free port). */
  sandboxPort: number;
  /** In sandbox mode, a sandbox already running (with its default credentials) to use instead of starting one. */
  sandboxUrl: string | undefined;
  wecom: { corpId: string; secret: string; apiBase: string };
  wechat: { miniAppId: string; miniSecret: string; apiBase: string };
  /** The verified service account that owns the H5 domain: silent OAuth and the JS-SDK. */
  officialAccount: { appId: string; secret: string; openBase: string };
  /** Origin the H5 pages are served from, e.g. `https://live.example.com`; OAuth returns here. */
  publicOrigin: string;
  /** undefined in sandbox mode until `main` picks a random one for the process. */
  sessionSecret: string | undefined;
  liveIds: string[];
  liveAnchors: string[];
  /** Append `.html` to the watch page path (some clients reportedly need it in the open tag). */
  watchPathHtmlSuffix: boolean;
  logLevel: string;
  /** Folder of the H5 build to serve; undefined = do not serve static files. */
  h5Dir: string | undefined;
  /** The audience's time zone (IANA): times drawn into the H5 pages before the app runs are told on its clock. */
  viewerTimeZone: string;
  /** The font file posters are drawn with; undefined = the first CJK font found on the system. */
  posterFont: string | undefined;
  /** The shared store; undefined = memory, one instance. */
  redis: { url: string; keyPrefix: string; commandTimeoutMs: number } | undefined;
  /** The share of WeCom's per-API, per-corp quota this deployment may spend, across all its instances. */
  wecomBudget: { perMinute: number; perHour: number };
  /**
   * Codes made ahead of a tap (a page's first code, its refreshes): they spend only WeCom's headroom, keeping
   * `tapReserve` of each window for taps; a reserved live's codes are prepared in the last `windowMs` before its
   * start (`prepare` off: not before the start at all).
   */
  codesAhead: { tapReserve: number; prepare: boolean; windowMs: number };
  /** Worker processes on this machine (node:cluster). */
  webConcurrency: number;
  /** How long in-flight requests may take to finish after SIGTERM. */
  shutdownGraceMs: number;
  /** Our own API, per client: a flood from one client cannot spend the WeCom budget of everyone. */
  limits: {
    loginsPerIpPerMinute: number;
    codesPerSessionPerMinute: number;
    codesPerIpPerMinute: number;
    /** Event sockets one client address may hold open at once. */
    socketsPerIp: number;
  };
  /**
   * Lookups of lives this deployment does not know (not featured, listed, created, pushed or cached): each costs a
   * WeCom call, so they go through a lane of their own, capped per client address and to a share of the budget.
   */
  unknownLives: {
    perIpPerMinute: number;
    /** The most of each API's WeCom budget (`wecomBudget`) such lookups may spend, 0–1. */
    budgetShare: number;
    /** How long an id WeCom refused is remembered (shared by every instance). */
    refusedMs: number;
  };
  /** Our funnel: what one client can add to it (`server/funnel/`). */
  funnel: {
    /** Visitor ids the BFF issues (and so new unique views it counts) per client address per minute. */
    newVisitorsPerIpPerMinute: number;
    /** Distinct campaign tags kept per live; views, taps and opens of any further tag go to the one "other" row. */
    tagsPerLive: number;
  };
  /**
   * WeChat URL Links to the live page (`server/url-links/`): the mini program's daily quota (links and schemes
   * together), the share of it spent before generation stops (the rest a reserve), each link's life, when it is
   * renewed, and how long a refusal from WeChat holds generation back. Tags per live with a link of their own:
   * `funnel.tagsPerLive`.
   */
  urlLinks: {
    quotaPerDay: number;
    stopPercent: number;
    lifetimeDays: number;
    renewDays: number;
    refusalHoldMs: number;
  };
  /**
   * The HTTP server's own guards (Node's `headersTimeout`, `requestTimeout`, `keepAliveTimeout`, `maxConnections`):
   * a client that trickles its headers or body, or idles on a connection, is dropped, and no more than
   * `maxConnections` sockets (event sockets included) are open at once. `maxEventSockets`: event sockets this
   * instance holds at once, whoever holds them; more are refused (503) at the upgrade.
   */
  server: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
    maxConnections: number;
    maxEventSockets: number;
  };
  /** Prometheus `/metrics` on its own port (loopback by default); undefined = not served. */
  metrics: { port: number; host: string } | undefined;
  /**
   * How many proxies stand in front of the BFF (0 = none: the socket's peer is the client). With N, the client is
   * the Nth address from the right of `X-Forwarded-For` and `X-Forwarded-Proto` is read by the same rule
   * (`server/network/forwarded-client-ip.ts`); whatever the client wrote further left is never believed.
   */
  trustProxy: number;
  /** Staff sign-in and roles: the app's agent id, who may see stats and share kits, who may also manage lives. */
  staff: { agentId: string; userIds: string[]; managers: string[]; loginBase: string };
  /**
   * 开播提醒 (subscribe messages): the mini program's and the service account's templates (undefined: not offered on
   * that platform), the send rate across all instances, attempts and the first back-off of a send that failed
   * for a passing reason, the most reminders one live takes, and how often lives near their start are looked at.
   */
  reminders: {
    mini: ReminderTemplate | undefined;
    mp: ReminderTemplate | undefined;
    sendRatePerSecond: number;
    attempts: number;
    backoffMs: number;
    maxPerLive: number;
    pollMs: number;
  };
  /** WeCom's event callback (live status pushed); undefined = push off. Sandbox mode makes up its own. */
  callback: { token: string; encodingAesKey: string } | undefined;
}

/**
 * What a reminder template's keyword is filled with: the live's `theme`, its `start` (for `time`/`date` keywords),
 * its `description`, its anchor's userid (`anchor`), or a fixed line (`note`: 直播已开始，点击进入; `status`: 已开播).
 */
export const REMINDER_FIELD_SOURCES = ['theme', 'start', 'description', 'anchor', 'note', 'status'] as const;
export type ReminderFieldSource = (typeof REMINDER_FIELD_SOURCES)[number];

/** One keyword of a subscribe-message template (`thing1`: its type, then its number) and what fills it. */
export interface ReminderField {
  keyword: string;
  source: ReminderFieldSource;
}

/** One app's reminder template: its id in WeChat's console, and how its keywords are filled. */
export interface ReminderTemplate {
  templateId: string;
  fields: ReminderField[];
}

/** The keywords of a reminder template unless `WX_…_REMINDER_FIELDS` says otherwise (the sandbox's templates too). */
export const DEFAULT_REMINDER_FIELDS: readonly ReminderField[] = [
  { keyword: 'thing1', source: 'theme' },
  { keyword: 'time2', source: 'start' },
  { keyword: 'thing3', source: 'note' },
];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const list = (pattern: RegExp, what: string) =>
  z
    .string()
    .default('')
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .refine((items) => items.every((x) => pattern.test(x)), `every entry must be a valid ${what}`);

const origin = z
  .string()
  .url()
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'must be an http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));

/**
 * `TRUST_PROXY`: a number of hops. `1` keeps meaning what it meant (one load balancer in front), now read from the
 * right; `false` is 0; `true` is refused, because "trust whatever the header says" is exactly the hole.
 */
const hops = z
  .string()
  .refine((v) => v !== 'true', {
    message: "say how many proxies stand in front of the BFF (1 for one nginx or load balancer), not 'true'",
  })
  .refine(
    (v) => ['true', 'false'].includes(v) || /^(10|[0-9])$/.test(v),
    'must be the number of proxies in front, 0–10',
  )
  .transform((v) => (v === 'false' ? 0 : Number(v)));

const KEYWORD = /^(thing|time|date|name|phrase|character_string|number|letter|symbol|amount)\d{1,3}$/;
const textSources = new Set<string>(['theme', 'description', 'anchor', 'note', 'status']);

/**
 * `thing1:theme,time2:start,thing3:note`: each keyword of the template (as WeChat's console names it, its type
 * first) and what fills it. A `time`/`date` keyword takes `start`, and `start` only goes there.
 */
const reminderFields = z
  .string()
  .default('thing1:theme,time2:start,thing3:note')
  .transform((s, ctx) => {
    const fields: ReminderField[] = [];
    for (const pair of s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      const [keyword = '', source = ''] = pair.split(':').map((x) => x.trim());
      const timely = /^(time|date)\d/.test(keyword);
      if (!KEYWORD.test(keyword) || !(REMINDER_FIELD_SOURCES as readonly string[]).includes(source)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${pair}": write keyword:source, the keyword as WeChat names it (thing1, time2…), the source one of ${REMINDER_FIELD_SOURCES.join(', ')}`,
        });
        return z.NEVER;
      }
      if (timely !== (source === 'start') || (!timely && !textSources.has(source))) {
        ctx.addIssue({
          code: 'custom',
          message: `"${pair}": a time/date keyword takes start, and start only goes there`,
        });
        return z.NEVER;
      }
      fields.push({ keyword, source: source as ReminderFieldSource });
    }
    if (!fields.length) {
      ctx.addIssue({ code: 'custom', message: 'name at least one keyword' });
      return z.NEVER;
    }
    return fields;
  });
const templateId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, "must be a subscribe-message template id (WeChat's console: letters, digits, _ -)")
  .optional();

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  SANDBOX: flag.optional(),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  SANDBOX_URL: origin.optional(),
  WECOM_CORP_ID: z
    .string()
    .regex(/^[A-Za-z0-9]{1,64}$/, 'must be a WeCom corp id')
    .optional(),
  WECOM_SECRET: z.string().min(1).optional(),
  WECOM_API_BASE: origin.default('https://qyapi.weixin.qq.com'),
  WX_MINI_APPID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, 'must be a mini program appid (wx + 16 hex)')
    .optional(),
  WX_MINI_SECRET: z.string().min(1).optional(),
  WECHAT_API_BASE: origin.default('https://api.weixin.qq.com'),
  WX_MP_APPID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, 'must be a service account appid (wx + 16 hex)')
    .optional(),
  WX_MP_SECRET: z.string().min(1).optional(),
  WECHAT_OPEN_BASE: origin.default('https://open.weixin.qq.com'),
  PUBLIC_ORIGIN: origin
    .refine(
      (u) => URL.canParse(u) && new URL(u).pathname === '/' && !new URL(u).search,
      'must be an origin, without a path',
    )
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LIVE_IDS: list(LIVING_ID_PATTERN, 'living id'),
  LIVE_ANCHORS: list(WECOM_USERID_PATTERN, 'WeCom userid'),
  WATCH_PATH_HTML_SUFFIX: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  H5_DIR: z.string().optional(),
  VIEWER_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default(DEFAULT_VIEWER_TIME_ZONE),
  POSTER_FONT: z.string().min(1).optional(),
  REDIS_URL: z
    .string()
    .url()
    .refine((u) => URL.canParse(u) && /^rediss?:$/.test(new URL(u).protocol), 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{0,64}$/, 'must be up to 64 of A–Z a–z 0–9 : _ -')
    .default('wlv:'),
  REDIS_COMMAND_TIMEOUT_MS: count(50, 5000).default(300),
  WECOM_BUDGET_PER_MINUTE: count(1, 10_000).default(9000),
  WECOM_BUDGET_PER_HOUR: count(1, 150_000).default(140_000),
  CODES_TAP_RESERVE: z.coerce
    .number()
    .min(0, 'must be a fraction from 0 to 1 (0.1 = 10 % of the WeCom budget kept for taps)')
    .max(1, 'must be a fraction from 0 to 1 (0.1 = 10 % of the WeCom budget kept for taps)')
    .default(0.1),
  PREPARE_CODES: flag.default(true),
  // A code lives 5 minutes: prepared more than 4.5 before the start, it would not outlast a tap at the start.
  PREPARE_CODES_SECONDS: count(30, 270).default(240),
  WEB_CONCURRENCY: count(1, 64).default(1),
  SHUTDOWN_GRACE_MS: count(0, 120_000).default(10_000),
  LIMIT_LOGINS_PER_IP_PER_MINUTE: count(1, 1_000_000).default(600),
  LIMIT_CODES_PER_SESSION_PER_MINUTE: count(1, 10_000).default(30),
  LIMIT_CODES_PER_IP_PER_MINUTE: count(1, 1_000_000).default(1200),
  LIMIT_SOCKETS_PER_IP: count(1, 1_000_000).default(50),
  LIMIT_UNKNOWN_LIVES_PER_IP_PER_MINUTE: count(1, 1_000_000).default(20),
  UNKNOWN_LIVES_BUDGET_SHARE: z.coerce
    .number()
    .min(0, 'must be a fraction from 0 to 1 (0.2 = 20 % of the WeCom budget)')
    .max(1, 'must be a fraction from 0 to 1 (0.2 = 20 % of the WeCom budget)')
    .default(0.2),
  UNKNOWN_LIVES_REFUSED_SECONDS: count(1, 86_400).default(600),
  FUNNEL_NEW_VISITORS_PER_IP_PER_MINUTE: count(1, 1_000_000).default(60),
  FUNNEL_TAGS_PER_LIVE: count(1, 10_000).default(50),
  URL_LINK_QUOTA_PER_DAY: count(1, 10_000_000).default(500_000),
  URL_LINK_QUOTA_STOP_PERCENT: count(1, 100).default(95),
  URL_LINK_DAYS: count(1, 30).default(30),
  URL_LINK_RENEW_DAYS: count(1, 29).default(7),
  URL_LINK_REFUSAL_HOLD_SECONDS: count(1, 86_400).default(60),
  LIMIT_SOCKETS_PER_INSTANCE: count(1, 1_000_000).default(10_000),
  SERVER_HEADERS_TIMEOUT_MS: count(500, 120_000).default(10_000),
  SERVER_REQUEST_TIMEOUT_MS: count(1000, 600_000).default(30_000),
  SERVER_KEEP_ALIVE_TIMEOUT_MS: count(1000, 600_000).default(65_000),
  SERVER_MAX_CONNECTIONS: count(2, 10_000_000).default(20_000),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  TRUST_PROXY: hops.default(0),
  WECOM_AGENT_ID: z
    .string()
    .regex(/^\d{1,10}$/, "must be the app's AgentId (digits)")
    .optional(),
  STAFF_USERIDS: list(WECOM_USERID_PATTERN, 'WeCom userid'),
  STAFF_MANAGERS: list(WECOM_USERID_PATTERN, 'WeCom userid'),
  WECOM_LOGIN_BASE: origin.default('https://login.work.weixin.qq.com'),
  WX_MINI_REMINDER_TEMPLATE_ID: templateId,
  WX_MINI_REMINDER_FIELDS: reminderFields,
  WX_MP_REMINDER_TEMPLATE_ID: templateId,
  WX_MP_REMINDER_FIELDS: reminderFields,
  REMINDER_SEND_RATE: count(1, 100_000).default(500),
  REMINDER_ATTEMPTS: count(1, 20).default(6),
  REMINDER_BACKOFF_MS: count(10, 600_000).default(2000),
  REMINDERS_PER_LIVE: count(1, 10_000_000).default(500_000),
  REMINDER_POLL_SECONDS: count(1, 3600).default(30),
  WECOM_CALLBACK_TOKEN: z
    .string()
    .regex(
      /^[A-Za-z0-9]{1,32}$/,
      'must be the Token of the app\'s "receive messages" page (up to 32 letters and digits)',
    )
    .optional(),
  WECOM_CALLBACK_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, 'must be the 43-character EncodingAESKey (letters and digits)')
    .optional(),
});

const REQUIRED_OUTSIDE_SANDBOX = [
  'WECOM_CORP_ID',
  'WECOM_SECRET',
  'WX_MINI_APPID',
  'WX_MINI_SECRET',
  'WX_MP_APPID',
  'WX_MP_SECRET',
  'PUBLIC_ORIGIN',
  'SESSION_SECRET',
] as const;

/** The real platforms' credentials: `SANDBOX=1` beside any of them is refused (the sandbox would replace them). */
export const PLATFORM_CREDENTIALS = REQUIRED_OUTSIDE_SANDBOX.slice(0, 6);

/**
 * Variables only a real deployment sets: with any of them present (even empty) and `SANDBOX` unset, the BFF is in
 * production and every required one must be there. A typo in one name (`WECOM_CORPID`) then stops the start
 * instead of quietly serving the sandbox.
 */
export const PRODUCTION_VARIABLES = [
  ...REQUIRED_OUTSIDE_SANDBOX,
  'WECOM_AGENT_ID',
  'WECOM_CALLBACK_TOKEN',
  'WECOM_CALLBACK_AES_KEY',
] as const;

/**
 * Sandbox or production, and what is wrong with the choice. `SANDBOX=1`: the sandbox, refused beside a platform
 * credential; `SANDBOX=0`: production; unset: the sandbox only when no production variable is present at all.
 */
function decideMode(env: NodeJS.ProcessEnv): { sandbox: boolean; problems: string[] } {
  const present = (name: string) => env[name] !== undefined;
  const sandboxFlag = env.SANDBOX === undefined ? undefined : env.SANDBOX === '1' || env.SANDBOX === 'true';
  if (sandboxFlag === true) {
    const real = PLATFORM_CREDENTIALS.filter(present);
    return {
      sandbox: true,
      problems: real.length
        ? [`SANDBOX: 1 would replace the real credentials set (${real.join(', ')}); unset SANDBOX or unset them`]
        : [],
    };
  }
  const sandbox = sandboxFlag === undefined && !PRODUCTION_VARIABLES.some(present);
  if (sandbox) return { sandbox, problems: [] };
  const missing = REQUIRED_OUTSIDE_SANDBOX.filter((name) => !env[name]);
  const problems = missing.map((name) => `${name}: required outside sandbox mode`);
  if (missing.length && sandboxFlag === undefined) {
    const set = PRODUCTION_VARIABLES.filter(present).join(', ');
    problems.push(`(not sandbox mode: production variables are set: ${set}; a misspelt name reads as missing)`);
  }
  return { sandbox, problems };
}

/** Reads and validates the environment once. Throws `ConfigError` listing every offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Decided from the raw values, so one message lists malformed and missing variables together.
  const mode = decideMode(env);
  const sandbox = mode.sandbox;
  problems.push(...mode.problems);
  if (parsed.success && parsed.data.WEB_CONCURRENCY > 1 && !parsed.data.REDIS_URL) {
    problems.push('WEB_CONCURRENCY: more than one worker needs REDIS_URL (workers share nothing else)');
  }
  if (parsed.success && !parsed.data.WECOM_CALLBACK_TOKEN !== !parsed.data.WECOM_CALLBACK_AES_KEY) {
    problems.push('WECOM_CALLBACK_TOKEN, WECOM_CALLBACK_AES_KEY: set both (push on) or neither (push off)');
  }
  if (parsed.success && parsed.data.SERVER_HEADERS_TIMEOUT_MS > parsed.data.SERVER_REQUEST_TIMEOUT_MS) {
    problems.push(
      'SERVER_HEADERS_TIMEOUT_MS: must not be longer than SERVER_REQUEST_TIMEOUT_MS (headers are part of the request)',
    );
  }
  if (parsed.success && parsed.data.SERVER_MAX_CONNECTIONS <= parsed.data.LIMIT_SOCKETS_PER_INSTANCE) {
    problems.push(
      'SERVER_MAX_CONNECTIONS: must be more than LIMIT_SOCKETS_PER_INSTANCE (event sockets are connections too; leave room for requests)',
    );
  }
  if (parsed.success && parsed.data.URL_LINK_RENEW_DAYS >= parsed.data.URL_LINK_DAYS) {
    problems.push('URL_LINK_RENEW_DAYS: must be fewer than URL_LINK_DAYS (a link is renewed before it expires)');
  }
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    sandbox,
    sandboxPort: e.SANDBOX_PORT,
    sandboxUrl: e.SANDBOX_URL,
    wecom: { corpId: e.WECOM_CORP_ID ?? '', secret: e.WECOM_SECRET ?? '', apiBase: e.WECOM_API_BASE },
    wechat: { miniAppId: e.WX_MINI_APPID ?? '', miniSecret: e.WX_MINI_SECRET ?? '', apiBase: e.WECHAT_API_BASE },
    officialAccount: { appId: e.WX_MP_APPID ?? '', secret: e.WX_MP_SECRET ?? '', openBase: e.WECHAT_OPEN_BASE },
    // In sandbox mode the pages are served by this very process.
    publicOrigin: e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`,
    sessionSecret: e.SESSION_SECRET,
    liveIds: e.LIVE_IDS,
    liveAnchors: e.LIVE_ANCHORS,
    watchPathHtmlSuffix: e.WATCH_PATH_HTML_SUFFIX,
    logLevel: e.LOG_LEVEL,
    h5Dir: e.H5_DIR,
    viewerTimeZone: e.VIEWER_TIME_ZONE,
    posterFont: e.POSTER_FONT,
    redis: e.REDIS_URL
      ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS }
      : undefined,
    wecomBudget: { perMinute: e.WECOM_BUDGET_PER_MINUTE, perHour: e.WECOM_BUDGET_PER_HOUR },
    codesAhead: {
      tapReserve: e.CODES_TAP_RESERVE,
      prepare: e.PREPARE_CODES,
      windowMs: e.PREPARE_CODES_SECONDS * 1000,
    },
    webConcurrency: e.WEB_CONCURRENCY,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    limits: {
      loginsPerIpPerMinute: e.LIMIT_LOGINS_PER_IP_PER_MINUTE,
      codesPerSessionPerMinute: e.LIMIT_CODES_PER_SESSION_PER_MINUTE,
      codesPerIpPerMinute: e.LIMIT_CODES_PER_IP_PER_MINUTE,
      socketsPerIp: e.LIMIT_SOCKETS_PER_IP,
    },
    unknownLives: {
      perIpPerMinute: e.LIMIT_UNKNOWN_LIVES_PER_IP_PER_MINUTE,
      budgetShare: e.UNKNOWN_LIVES_BUDGET_SHARE,
      refusedMs: e.UNKNOWN_LIVES_REFUSED_SECONDS * 1000,
    },
    funnel: {
      newVisitorsPerIpPerMinute: e.FUNNEL_NEW_VISITORS_PER_IP_PER_MINUTE,
      tagsPerLive: e.FUNNEL_TAGS_PER_LIVE,
    },
    urlLinks: {
      quotaPerDay: e.URL_LINK_QUOTA_PER_DAY,
      stopPercent: e.URL_LINK_QUOTA_STOP_PERCENT,
      lifetimeDays: e.URL_LINK_DAYS,
      renewDays: e.URL_LINK_RENEW_DAYS,
      refusalHoldMs: e.URL_LINK_REFUSAL_HOLD_SECONDS * 1000,
    },
    server: {
      headersTimeoutMs: e.SERVER_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.SERVER_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.SERVER_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.SERVER_MAX_CONNECTIONS,
      maxEventSockets: e.LIMIT_SOCKETS_PER_INSTANCE,
    },
    metrics: e.METRICS_PORT === undefined ? undefined : { port: e.METRICS_PORT, host: e.METRICS_HOST },
    trustProxy: e.TRUST_PROXY,
    staff: {
      agentId: e.WECOM_AGENT_ID ?? '',
      // A manager may do everything staff may.
      userIds: [...new Set([...e.STAFF_USERIDS, ...e.STAFF_MANAGERS])],
      managers: e.STAFF_MANAGERS,
      loginBase: e.WECOM_LOGIN_BASE,
    },
    reminders: {
      mini: e.WX_MINI_REMINDER_TEMPLATE_ID
        ? { templateId: e.WX_MINI_REMINDER_TEMPLATE_ID, fields: e.WX_MINI_REMINDER_FIELDS }
        : undefined,
      mp: e.WX_MP_REMINDER_TEMPLATE_ID
        ? { templateId: e.WX_MP_REMINDER_TEMPLATE_ID, fields: e.WX_MP_REMINDER_FIELDS }
        : undefined,
      sendRatePerSecond: e.REMINDER_SEND_RATE,
      attempts: e.REMINDER_ATTEMPTS,
      backoffMs: e.REMINDER_BACKOFF_MS,
      maxPerLive: e.REMINDERS_PER_LIVE,
      pollMs: e.REMINDER_POLL_SECONDS * 1000,
    },
    callback:
      e.WECOM_CALLBACK_TOKEN && e.WECOM_CALLBACK_AES_KEY
        ? { token: e.WECOM_CALLBACK_TOKEN, encodingAesKey: e.WECOM_CALLBACK_AES_KEY }
        : undefined,
  };
}
