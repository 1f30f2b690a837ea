import type { ClientErrorCode } from '../../../shared/error-codes';
import type { LiveCard } from '../../../shared/live-card';
import type {
  ConfirmRequest,
  CreateLiveRequest,
  CreateLiveResponse,
  ModifyLiveRequest,
  StaffFunnel,
  StaffLivesResponse,
  StaffMe,
  StaffShareKit,
  StaffWatchStats,
} from '../../../shared/staff-api';

/**
 * The BFF's `error.code`, or one of the client's own (`NETWORK_ERROR`, `BAD_RESPONSE`). Open-ended: the staff
 * routes may send codes this build does not know yet (`LIVE_ALREADY_STARTED`), and the console still shows them.
 */
export type StaffErrorCode = ClientErrorCode | (string & {});

/** Every failed console request. Match on `code` and `status`, never on the message (the BFF's, in English). */
export class StaffApiError extends Error {
  override readonly name = 'StaffApiError';
  readonly code: StaffErrorCode;
  /** HTTP status; 0 when no answer came. */
  readonly status: number;
  /** Seconds from `Retry-After` (429/503). */
  readonly retryAfterSeconds?: number;

  constructor(init: {
    code: StaffErrorCode;
    status: number;
    message: string;
    retryAfterSeconds?: number;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export const isStaffApiError = (error: unknown): error is StaffApiError => error instanceof StaffApiError;

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface StaffApiOptions {
  /** Injectable so tests answer without a server. */
  fetch?: FetchFn;
  /** Called on every 401 (no staff session, or it expired) before the error is thrown: the app signs in again. */
  onUnauthorized?: () => void;
  /** How long a request may take before it ends as `NETWORK_ERROR` (default {@link REQUEST_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/**
 * A hung connection (a phone between networks, a proxy that never answers) would otherwise leave "提交中…" on
 * screen forever; the BFF's own calls to WeCom end well before this.
 */
export const REQUEST_TIMEOUT_MS = 15_000;

const livePath = (livingId: string) => `/api/staff/lives/${encodeURIComponent(livingId)}`;

/**
 * The console's only way to the BFF: same-origin `fetch` (the HttpOnly, SameSite=Strict staff cookie goes along,
 * and the BFF checks `Origin` on everything that changes something), JSON in and out, every failure a
 * {@link StaffApiError}.
 */
export function createStaffApi({
  fetch: fetchFn = (input, init) => fetch(input, init),
  onUnauthorized,
  timeoutMs = REQUEST_TIMEOUT_MS,
}: StaffApiOptions = {}) {
  async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, given?: object): Promise<T> {
    // Whatever changes something carries a JSON body (`{}` when there is nothing to say): the BFF refuses any other.
    const body = method === 'GET' ? given : (given ?? {});
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let res: Response;
    let data: unknown;
    try {
      res = await fetchFn(path, {
        method,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: abort.signal,
      });
      // The body is read under the same timeout: headers can arrive and the body never.
      data = await readJson(res);
    } catch (cause) {
      const message = abort.signal.aborted ? `No answer within ${timeoutMs} ms` : 'No answer from the server';
      throw new StaffApiError({ code: 'NETWORK_ERROR', status: 0, message, cause });
    } finally {
      clearTimeout(timer);
    }
    if (res.ok) {
      if (res.status === 204) return undefined as T;
      if (data === undefined) {
        throw new StaffApiError({ code: 'BAD_RESPONSE', status: res.status, message: 'The answer was not JSON' });
      }
      return data as T;
    }
    if (res.status === 401) onUnauthorized?.();
    const error = (data as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new StaffApiError({
      code: typeof error?.code === 'string' ? error.code : 'BAD_RESPONSE',
      status: res.status,
      message: typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`,
      retryAfterSeconds: retryAfter(res.headers.get('retry-after')),
    });
  }

  const confirm = (livingId: string): ConfirmRequest => ({ confirm: livingId });
  return {
    me: () => request<StaffMe>('GET', '/api/staff/me'),
    logout: () => request<undefined>('POST', '/api/staff/session/logout'),
    lives: () => request<StaffLivesResponse>('GET', '/api/staff/lives'),
    /** The viewer's card of one live (public, cached by the BFF): the title of the stats page. */
    card: (livingId: string) => request<LiveCard>('GET', `/api/lives/${encodeURIComponent(livingId)}`),
    createLive: (live: CreateLiveRequest) => request<CreateLiveResponse>('POST', '/api/staff/lives', live),
    modifyLive: (livingId: string, changes: ModifyLiveRequest) =>
      request<unknown>('PATCH', livePath(livingId), changes),
    cancelLive: (livingId: string) => request<unknown>('POST', `${livePath(livingId)}/cancel`, confirm(livingId)),
    deleteReplay: (livingId: string) => request<unknown>('DELETE', `${livePath(livingId)}/replay`, confirm(livingId)),
    stats: (livingId: string) => request<StaffWatchStats>('GET', `${livePath(livingId)}/stats`),
    funnel: (livingId: string) => request<StaffFunnel>('GET', `${livePath(livingId)}/funnel`),
    shareKit: (livingId: string, from?: string) =>
      request<StaffShareKit>('GET', `${livePath(livingId)}/share${from ? `?from=${encodeURIComponent(from)}` : ''}`),
    /** Where the CSV of every viewer downloads from (an attachment: a plain link, not a fetch). */
    watchersCsvHref: (livingId: string) => `${livePath(livingId)}/watchers.csv`,
  };
}

export type StaffApi = ReturnType<typeof createStaffApi>;

/** The body as JSON, or undefined when it is not JSON; a body that stops arriving throws (a network error). */
async function readJson(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date). */
function retryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Whether a change may have happened although the request failed: no answer came (the request may have reached
 * the BFF), or the BFF answered 5xx after it may have called WeCom (it calls `living/create` once and never
 * repeats it). Sending the same change again could do it twice.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  return isStaffApiError(error) && (error.code === 'NETWORK_ERROR' || error.status >= 500);
}

/**
 * What to tell a person about a failed request, in the console's words: the 400s, 403s and 409s of managing
 * lives each say what happened and what to do.
 */
export function describeError(error: unknown): string {
  if (!isStaffApiError(error)) return '出了点问题，请重试';
  switch (error.code) {
    case 'NETWORK_ERROR':
      return '网络不太顺畅，请检查网络后重试';
    case 'SESSION_REQUIRED':
    case 'SESSION_INVALID':
      return '登录已过期，正在重新登录…';
    case 'LIVE_ALREADY_STARTED':
      // Answered to modify and to cancel alike.
      return '直播已经开始（或已结束、已取消），不能再修改或取消';
    case 'CONFIRMATION_REQUIRED':
      return '请先确认这项操作';
    case 'LIVE_NOT_FOUND':
      return '找不到这场直播，它可能不是本应用的直播';
    case 'LIVE_NOT_THIS_APP':
      return '只能管理本应用创建的直播';
    case 'UPSTREAM_RATE_LIMITED':
    case 'TOO_MANY_REQUESTS':
      return error.retryAfterSeconds !== undefined
        ? `请求太频繁，请 ${error.retryAfterSeconds} 秒后重试`
        : '请求太频繁，请稍后重试';
  }
  if (error.status < 400) return '服务器的回答无法识别，请稍后重试';
  if (error.status === 400) return `填写的内容不符合要求：${error.message}`;
  if (error.status === 403) return '你没有权限进行这项操作，管理直播需要管理员权限';
  if (error.status === 404) return '找不到这项内容';
  if (error.status === 409) return '直播的状态已经变化，请刷新列表后再试';
  if (error.status >= 500 || error.code === 'BAD_RESPONSE') return '企业微信暂时无法访问，请稍后重试';
  return `请求没有成功（${error.status}），请重试`;
}
