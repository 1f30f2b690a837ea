import type {
  CodePurpose,
  FunnelBeaconRequest,
  JssdkConfigResponse,
  LivesResponse,
  LivingCodeDeferred,
  LivingCodeRequest,
  LivingCodeResponse,
  ReminderRequest,
  ReminderState,
  SessionResponse,
  UrlLinkResponse,
  VisitorResponse,
  WeappLoginRequest,
} from '../../../shared/api';
import { LIVING_CODE_TTL_SECONDS } from '../../../shared/constants';
import type { LiveCard } from '../../../shared/live-card';
import type { SceneTarget } from '../../../shared/mini-program-scene';
import type { HttpClient } from './http';

/** Answer to a conditional `GET /api/lives/:livingId`. */
export type LiveFetch = { changed: false } | { changed: true; live: LiveCard; etag?: string };

/** A living code as received, with how long it stays valid from the moment it arrived. */
export interface LivingCode extends LivingCodeResponse {
  /**
   * `expiresAt` minus the BFF's own clock (the response's `Date`), so a phone whose clock is off does not keep a
   * code too long or throw it away too early. `undefined` when the answer had no readable `expiresAt`.
   */
  validForMs?: number;
}

/** The BFF's endpoints as typed calls; every failure is an `ApiError`. */
export interface BffApi {
  listLives(): Promise<LiveCard[]>;
  /** With `etag`, a 304 comes back as `{ changed: false }`. */
  getLive(livingId: string, etag?: string): Promise<LiveFetch>;
  createWeappSession(code: string): Promise<SessionResponse>;
  /**
   * With `token` (mini program) as a bearer token; without, the H5 session cookie identifies the viewer. `purpose`
   * says why the code is asked for (none: a `tap`); only a background one (`first`, `refresh`) may be put off.
   */
  livingCode(
    livingId: string,
    options: { replay: boolean; from?: string; token?: string; purpose?: CodePurpose },
  ): Promise<LivingCode | LivingCodeDeferred>;
  /** One of our funnel's beacons (`views`: the page showed the live; `opens`: WeCom's mini program opened). */
  beacon(
    livingId: string,
    step: 'views' | 'opens',
    body: FunnelBeaconRequest & Record<string, unknown>,
    token?: string,
  ): Promise<unknown>;
  /** `wx.config` arguments signed for `url` (H5 in WeChat). */
  jssdkConfig(url: string): Promise<JssdkConfigResponse>;
  /**
   * The viewer's 开播提醒 for one live, for the platform of the session (mini program: `token`; H5: the cookie): which
   * template to ask WeChat for (`null`: none offered) and whether a reminder is already recorded.
   */
  reminder(livingId: string, token?: string): Promise<ReminderState>;
  /** Records the reminder after the viewer accepted `templateId` in WeChat's prompt; asking again is harmless. */
  remind(livingId: string, templateId: string, token?: string): Promise<ReminderState>;
  /**
   * A WeChat URL Link to our mini program's live page (phone browsers outside WeChat), for the live or its replay,
   * carrying the campaign tag; no session. `urlLink: null`: none can be offered now.
   */
  urlLink(livingId: string, options: { replay: boolean; from?: string }): Promise<UrlLinkResponse>;
}

const livePath = (livingId: string) => `/api/lives/${encodeURIComponent(livingId)}`;
const bearer = (token: string | undefined) => (token ? { Authorization: `Bearer ${token}` } : undefined);

export function createBffApi(http: HttpClient): BffApi {
  return {
    async listLives() {
      const res = await http<LivesResponse>({ method: 'GET', path: '/api/lives' });
      return res.data.lives;
    },
    async getLive(livingId, etag) {
      const res = await http<LiveCard>({
        method: 'GET',
        path: livePath(livingId),
        headers: etag ? { 'If-None-Match': etag } : undefined,
      });
      if (res.status === 304) return { changed: false };
      return { changed: true, live: res.data, etag: res.headers.etag };
    },
    async createWeappSession(code) {
      const res = await http<SessionResponse>({
        method: 'POST',
        path: '/api/session/weapp',
        body: { code } satisfies WeappLoginRequest,
      });
      return res.data;
    },
    async livingCode(livingId, { replay, from, token, purpose }) {
      const res = await http<LivingCodeResponse | LivingCodeDeferred>({
        method: 'POST',
        path: `${livePath(livingId)}/code`,
        body: { replay, from, purpose } satisfies LivingCodeRequest,
        headers: bearer(token),
      });
      if (isDeferredCode(res.data)) return res.data;
      return { ...res.data, validForMs: validForMs(res.data?.expiresAt, res.headers.date) };
    },
    beacon: (livingId, step, body, token) =>
      http({
        method: 'POST',
        path: `${livePath(livingId)}/${step}`,
        body,
        headers: bearer(token),
      }),
    async jssdkConfig(url) {
      const res = await http<JssdkConfigResponse>({
        method: 'GET',
        path: `/api/jssdk/config?url=${encodeURIComponent(url)}`,
      });
      return res.data;
    },
    async reminder(livingId, token) {
      const res = await http<ReminderState>({
        method: 'GET',
        path: `${livePath(livingId)}/reminder`,
        headers: bearer(token),
      });
      return res.data;
    },
    async remind(livingId, templateId, token) {
      const res = await http<ReminderState>({
        method: 'POST',
        path: `${livePath(livingId)}/reminder`,
        body: { templateId } satisfies ReminderRequest,
        headers: bearer(token),
      });
      return res.data;
    },
    async urlLink(livingId, { replay, from }) {
      // A campaign tag is letters, digits, `_` and `-` (`isCampaignTag`); encoded all the same.
      const query = [replay ? 'replay=1' : '', from ? `from=${encodeURIComponent(from)}` : ''].filter(Boolean);
      const res = await http<UrlLinkResponse>({
        method: 'GET',
        path: `${livePath(livingId)}/url-link${query.length ? `?${query.join('&')}` : ''}`,
      });
      return res.data;
    },
  };
}

/** Whether a code request was answered without a code: a background request the BFF put off. */
export function isDeferredCode(
  answer: LivingCodeResponse | LivingCodeDeferred | undefined,
): answer is LivingCodeDeferred {
  return typeof answer === 'object' && answer !== null && 'deferred' in answer;
}

/**
 * `POST /api/visitors`: a signed visitor id for the funnel. Only the mini program asks (once per install; H5 is given
 * a cookie), so it stays out of `BffApi` too.
 */
export function issueVisitor(http: HttpClient): Promise<string> {
  return http<VisitorResponse>({ method: 'POST', path: '/api/visitors', body: {} }).then((res) => res.data.visitor);
}

/**
 * `GET /api/scenes/:scene`: what a mini program code's `scene` (an alias) stands for. Only the mini program asks,
 * so it stays out of `BffApi` (and out of the H5 bundle, which never imports it).
 */
export function resolveScene(http: HttpClient, scene: string): Promise<SceneTarget> {
  return http<SceneTarget>({ method: 'GET', path: `/api/scenes/${encodeURIComponent(scene)}` }).then((res) => res.data);
}

/**
 * How long a code stays valid, on the BFF's clock: `expiresAt − Date` (the header has whole seconds, which the
 * refresh margins absorb), at most a code's documented lifetime. Falls back to this device's clock without `Date`.
 */
export function validForMs(expiresAt: string | undefined, serverDate: string | undefined, now = Date.now()) {
  const expires = Date.parse(expiresAt ?? '');
  if (Number.isNaN(expires)) return undefined;
  const serverNow = Date.parse(serverDate ?? '');
  const remaining = expires - (Number.isNaN(serverNow) ? now : serverNow);
  return Math.min(Math.max(remaining, 0), LIVING_CODE_TTL_SECONDS * 1000);
}
