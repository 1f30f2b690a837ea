import { parseJsonObject, type ApiRequest, type SandboxState } from '../../core/endpoint';
import { wechatError } from '../../core/platform-errors';
import { MINI_PROGRAM_PAGES } from '../wxacode';

/** WeChat's characters for a URL Link's query: `0-9A-Za-z!#$&'()*+,/:;=?@-._~%`, at most 1024 of them. */
const QUERY_CHARACTERS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~%]*$/;
const MAX_QUERY = 1024;
const MAX_DAYS = 30;
const DAY_S = 24 * 3600;
const ENV_VERSIONS = new Set(['release', 'trial', 'develop']);

/**
 * `POST /wxa/generate_urllink?access_token` with `{path?, query?, env_version?, expire_type, expire_time |
 * expire_interval}` → `{errcode: 0, errmsg: 'ok', url_link}`. The token must be the mini program's (`stable_token`):
 * 41001 missing, 40001 unknown or invalidated, 42001 expired, 48001 a token of another account. Then 47001 for a
 * body that is not a JSON object or a field of the wrong type; 40165 for a path that starts with `/`, carries a query
 * or is not a page of the released mini program (an empty path opens the home page); 40212 for a query longer than
 * 1024 or with a character outside WeChat's set; 85402 for an unknown `env_version`; 85401 for a lifetime WeChat
 * refuses (`expire_type` 1 needs `expire_interval` 1–30 days, `expire_type` 0 an `expire_time` within 30 days, and
 * links always expire now); 45009 once the day's quota of links and schemes (China day) is spent, as WeChat answers
 * it ("reach max api daily quota limit"; 85400 is its long-term links' cap, which expiring links never reach).
 *
 * The link is `ORIGIN/wxaurl/ID` on the sandbox's own origin (WeChat's are `https://wxaurl.cn/ID`): its page records
 * the open (see `url-link-page.ts`).
 */
export function generateUrlLink(req: ApiRequest, state: SandboxState): Record<string, unknown> {
  const fail = (errcode: number) => wechatError(errcode, state.now());
  if (req.method !== 'POST') return fail(43002);
  const token = req.query.access_token;
  if (!token) return fail(41001);
  const check = state.stableTokens.check(token);
  if (!check.ok) return fail(check.errcode);
  if (check.owner !== state.credentials.miniAppId) return fail(48001);
  const body = parseJsonObject(req.rawBody);
  if (!body) return fail(47001);
  const {
    path = '',
    query = '',
    env_version: envVersion = 'release',
    expire_type: expireType,
    expire_time: expireTime,
    expire_interval: expireInterval,
  } = body;
  if (typeof path !== 'string' || typeof query !== 'string' || typeof envVersion !== 'string') return fail(47001);
  if (path.startsWith('/') || path.includes('?')) return fail(40165);
  if (path !== '' && !MINI_PROGRAM_PAGES.includes(path)) return fail(40165);
  if (query.length > MAX_QUERY || !QUERY_CHARACTERS.test(query)) return fail(40212);
  if (!ENV_VERSIONS.has(envVersion)) return fail(85402);
  const nowS = state.now() / 1000;
  let expireDays: number;
  if (expireType === 1) {
    if (!Number.isInteger(expireInterval)) return fail(85401);
    expireDays = expireInterval as number;
    if (expireDays < 1 || expireDays > MAX_DAYS) return fail(85401);
  } else if (expireType === 0) {
    if (typeof expireTime !== 'number' || expireTime <= nowS || expireTime > nowS + MAX_DAYS * DAY_S) {
      return fail(85401);
    }
    expireDays = (expireTime - nowS) / DAY_S;
  } else {
    return fail(85401);
  }
  if (!state.urlLinks.take()) return fail(45009);
  const link = state.urlLinks.issue({
    origin: req.origin,
    path: path || MINI_PROGRAM_PAGES[0]!,
    query,
    envVersion,
    expireDays,
  });
  return { errcode: 0, errmsg: 'ok', url_link: link.url };
}
