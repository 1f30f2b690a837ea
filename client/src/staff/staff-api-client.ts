import type { LiveCard } from '../../../shared/live-card';
import type {
  ConfirmRequest,
  CreateLiveRequest,
  CreateLiveResponse,
  ModifyLiveRequest,
  StaffFunnel,
  StaffLivesResponse,
  StaffMe,
  StaffReminderStats,
  StaffShareKit,
  StaffWatchStats,
} from '../../../shared/staff-api';
import { ApiError, isApiError } from '../api/api-error';
import { errorFromResponse } from '../api/error-from-response';

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
 * {@link ApiError} (the viewer's pages fail the same way).
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
      throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message, cause });
    } finally {
      clearTimeout(timer);
    }
    if (res.ok) {
      if (res.status === 204) return undefined as T;
      if (data === undefined) {
        throw new ApiError({ code: 'BAD_RESPONSE', status: res.status, message: 'The answer was not JSON' });
      }
      return data as T;
    }
    if (res.status === 401) onUnauthorized?.();
    throw errorFromResponse({ status: res.status, body: data, retryAfter: res.headers.get('retry-after') });
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
    /** The live's 开播提醒: subscribers, pending, sent, failed by reason, whether they are going out now. */
    reminders: (livingId: string) => request<StaffReminderStats>('GET', `${livePath(livingId)}/reminders`),
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

/**
 * Whether a change may have happened although the request failed: no answer came (the request may have reached
 * the BFF), or the BFF answered 5xx after it may have called WeCom (it calls `living/create` once and never
 * repeats it). Sending the same change again could do it twice.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  return isApiError(error) && (error.code === 'NETWORK_ERROR' || error.status >= 500);
}
