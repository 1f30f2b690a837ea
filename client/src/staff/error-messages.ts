import type { CreateLiveRequest } from '../../../shared/staff-api';
import { isApiError, type ApiError, type ClientErrorCode } from '../api/api-error';

const SIGNING_IN = '登录已过期，正在重新登录…';
const NOT_ALLOWED = '你没有权限进行这项操作，管理直播需要管理员权限';
const STATE_CHANGED = '直播的状态已经变化，请刷新列表后再试';
const UNAVAILABLE = '企业微信暂时无法访问，请稍后重试';

/** The words a failure gets from its status alone: for codes that say nothing more to a manager. */
function byStatus({ status }: ApiError): string {
  if (status < 400) return '服务器的回答无法识别，请稍后重试';
  if (status === 400) return '填写的内容不符合要求，请检查后重试';
  if (status === 403) return NOT_ALLOWED;
  if (status === 404) return '找不到这项内容';
  if (status === 409) return STATE_CHANGED;
  if (status >= 500) return UNAVAILABLE;
  return `请求没有成功（${status}），请重试`;
}

/** What the console calls the fields the BFF may name in a 400 (the live form's labels, the share page's tag). */
const FIELD_LABEL: Record<keyof CreateLiveRequest | 'from', string> = {
  anchorUserId: '主播账号',
  theme: '直播主题',
  startsAt: '开播时间',
  durationSeconds: '时长',
  type: '直播类型',
  description: '直播简介',
  remindSecondsBefore: '开播提醒',
  from: '渠道标记',
};
const LABELS: ReadonlyMap<string, string> = new Map(Object.entries(FIELD_LABEL));

/**
 * A 400 about what was filled in: names the fields the BFF names (its answers read `field: what is wrong; …`), in
 * the console's words, and never repeats the BFF's English.
 */
function invalidInput(error: ApiError): string {
  const labels = error.message.split(';').map((part) => LABELS.get(part.split(':')[0]!.trim()));
  const named = [...new Set(labels.filter((label) => label !== undefined))];
  return named.length > 0 ? `填写的内容不符合要求，请检查${named.join('、')}` : '填写的内容不符合要求，请检查后重试';
}

const tooFrequent = ({ retryAfterSeconds }: ApiError) =>
  retryAfterSeconds !== undefined ? `请求太频繁，请 ${retryAfterSeconds} 秒后重试` : '请求太频繁，请稍后重试';

/**
 * The console's words for every code, chosen by code (never the BFF's message, which is English). A closed table:
 * a code added to `shared/error-codes.ts` does not compile until it has its words here.
 */
const MESSAGES: Record<ClientErrorCode, string | ((error: ApiError) => string)> = {
  NETWORK_ERROR: '网络不太顺畅，请检查网络后重试',
  // Non-JSON answers (a proxy's page) and codes this build does not know: what the status says.
  BAD_RESPONSE: byStatus,
  BAD_REQUEST: invalidInput,
  INVALID_BODY: invalidInput,
  INVALID_LIVING_ID: '直播 ID 不正确，请从直播列表重新打开',
  CONFIRMATION_REQUIRED: '请先确认这项操作',
  SESSION_REQUIRED: SIGNING_IN,
  SESSION_INVALID: SIGNING_IN,
  FORBIDDEN: NOT_ALLOWED,
  LIVE_NOT_THIS_APP: '只能管理本应用创建的直播',
  LIVE_NOT_FOUND: '找不到这场直播，它可能不是本应用的直播',
  NOT_FOUND: byStatus,
  // Answered to modify and to cancel alike.
  LIVE_ALREADY_STARTED: '直播已经开始（或已结束、已取消），不能再修改或取消',
  LIVE_NOT_WATCHABLE: STATE_CHANGED,
  UPSTREAM_RATE_LIMITED: tooFrequent,
  TOO_MANY_REQUESTS: tooFrequent,
  UPSTREAM_UNAVAILABLE: UNAVAILABLE,
  UPSTREAM_ERROR: UNAVAILABLE,
  UPSTREAM_MISCONFIGURED: UNAVAILABLE,
  UPSTREAM_BUSY: UNAVAILABLE,
  INTERNAL_ERROR: UNAVAILABLE,
  POSTER_UNAVAILABLE: UNAVAILABLE,
  // Not answered to the console's own requests; the status still says something.
  METHOD_NOT_ALLOWED: byStatus,
  PAYLOAD_TOO_LARGE: byStatus,
  UNSUPPORTED_MEDIA_TYPE: byStatus,
  LOGIN_FAILED: byStatus,
  INVALID_RETURN_TO: byStatus,
  INVALID_URL: byStatus,
  OAUTH_STATE_INVALID: byStatus,
  CALLBACK_INVALID: byStatus,
  LAUNCH_UNAVAILABLE: byStatus,
  WECHAT_SDK_FAILED: byStatus,
};

/**
 * What to tell a person about a failed request, in the console's words: the 400s, 403s and 409s of managing
 * lives each say what happened and what to do.
 */
export function describeError(error: unknown): string {
  if (!isApiError(error)) return '出了点问题，请重试';
  const words = MESSAGES[error.code];
  return typeof words === 'string' ? words : words(error);
}
