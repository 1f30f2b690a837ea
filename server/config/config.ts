import { z } from 'zod';
import { LIVING_ID_PATTERN } from '../../shared/living-id';

/**
 * The only place that reads `process.env`. Everything else receives a typed `Config`.
 *
 * Without `WECOM_CORP_ID` (or with `SANDBOX=1`) the BFF talks to the built-in sandbox and every credential
 * is optional; outside sandbox a missing or invalid variable stops start-up with a message naming all of them.
 */
export interface Config {
  port: number;
  host: string | undefined;
  sandbox: boolean;
  /** Port of the sandbox emulator in sandbox mode (0 = any free port). */
  sandboxPort: number;
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
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const USER_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

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
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  SANDBOX: flag.optional(),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
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
    .refine((u) => new URL(u).pathname === '/' && !new URL(u).search, 'must be an origin, without a path')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LIVE_IDS: list(LIVING_ID_PATTERN, 'living id'),
  LIVE_ANCHORS: list(USER_ID, 'WeCom userid'),
  WATCH_PATH_HTML_SUFFIX: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  H5_DIR: z.string().optional(),
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

/** Reads and validates the environment once. Throws `ConfigError` listing every offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Decided from the raw values too, so one message lists malformed and missing variables together.
  const sandbox = parsed.success
    ? (parsed.data.SANDBOX ?? parsed.data.WECOM_CORP_ID === undefined)
    : env.SANDBOX === '1' || env.SANDBOX === 'true' || (env.SANDBOX === undefined && !env.WECOM_CORP_ID);
  if (!sandbox) {
    for (const name of REQUIRED_OUTSIDE_SANDBOX)
      if (!env[name]) problems.push(`${name}: required outside sandbox mode`);
  }
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    sandbox,
    sandboxPort: e.SANDBOX_PORT,
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
  };
}
