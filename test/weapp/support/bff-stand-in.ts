import type {
  LivesResponse,
  LivingCodeResponse,
  ReminderState,
  SessionResponse,
  VisitorResponse,
} from '../../../shared/api';
import { WECOM_LIVE_APP_ID, WECOM_LIVE_USERNAME, LIVING_CODE_TTL_SECONDS } from '../../../shared/constants';
import type { ApiErrorBody, ErrorCode } from '../../../shared/error-codes';
import type { LiveCard } from '../../../shared/live-card';
import type { SceneTarget } from '../../../shared/mini-program-scene';
import { buildWatchPath } from '../../../shared/watch-path';
import { watchAccess, type NotWatchableReason } from '../../../shared/watch-access';

/** What `wx.request` hands its `success` callback. */
export interface WxResponse {
  statusCode: number;
  header: Record<string, string>;
  data: unknown;
}

export interface WxRequest {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
}

/** One request as the BFF saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: Record<string, unknown>;
  status: number;
}

const LIVE_CODE_PATH = /^\/api\/lives\/([^/]+)\/code$/;
const LIVE_PATH = /^\/api\/lives\/([^/]+)$/;
const REMINDER_PATH = /^\/api\/lives\/([^/]+)\/reminder$/;
const SCENE_PATH = /^\/api\/scenes\/([^/]+)$/;

const json = (statusCode: number, data: unknown, header: Record<string, string> = {}): WxResponse => ({
  statusCode,
  header: { 'Content-Type': 'application/json; charset=utf-8', Date: new Date().toUTCString(), ...header },
  // What the mini program receives is parsed JSON, never the BFF's own objects.
  data: data === undefined ? '' : JSON.parse(JSON.stringify(data)),
});

const failure = (statusCode: number, code: ErrorCode, reason?: NotWatchableReason): WxResponse => {
  const body: ApiErrorBody = { error: { code, message: code, ...(reason ? { reason } : {}) } };
  return json(statusCode, body);
};

/**
 * The BFF's HTTP contract (README "HTTP API", `shared/api.ts`) answered in memory, for the mini program running in
 * the simulator: the cards it is given, in the order given; sessions for login codes; living codes whose launch
 * target is built by the same shared functions the BFF uses (`watchAccess`, `buildWatchPath`). Every request and
 * every code handed out is recorded, so a test compares what the page did with what the BFF said.
 */
export function createBffStandIn() {
  let lives: LiveCard[] = [];
  const versions = new Map<string, number>();
  const refusedTokens = new Set<string>();
  const issuedTokens = new Set<string>();
  const afterRead = new Map<string, (card: LiveCard) => LiveCard>();
  const scenes = new Map<string, SceneTarget>();
  const requests: SeenRequest[] = [];
  const sessions: SessionResponse[] = [];
  const codes: LivingCodeResponse[] = [];
  let serial = 0;
  const visitors: string[] = [];
  let reminderTemplate: string | null = null;
  /** Recorded reminders: `livingId token`. */
  const reminders = new Set<string>();

  const find = (livingId: string) => lives.find((live) => live.livingId === livingId);
  const etag = (livingId: string) => `W/"${livingId}-${versions.get(livingId) ?? 0}"`;

  function replace(card: LiveCard) {
    lives = lives.map((live) => (live.livingId === card.livingId ? card : live));
    versions.set(card.livingId, (versions.get(card.livingId) ?? 0) + 1);
  }

  function route(method: string, path: string, header: Record<string, string>, body: Record<string, unknown>) {
    if (method === 'GET' && path === '/api/lives') {
      const answer: LivesResponse = { lives };
      return json(200, answer);
    }
    const scene = SCENE_PATH.exec(path);
    if (method === 'GET' && scene) {
      const target = scenes.get(decodeURIComponent(scene[1] ?? ''));
      return target ? json(200, target) : failure(404, 'NOT_FOUND');
    }
    const reminder = REMINDER_PATH.exec(path);
    if (reminder) return remind(method, decodeURIComponent(reminder[1] ?? ''), header, body);
    const code = LIVE_CODE_PATH.exec(path);
    if (method === 'POST' && code) return livingCode(decodeURIComponent(code[1] ?? ''), header, body);
    const one = LIVE_PATH.exec(path);
    if (method === 'GET' && one) {
      const livingId = decodeURIComponent(one[1] ?? '');
      const card = find(livingId);
      if (!card) return failure(404, 'LIVE_NOT_FOUND');
      const tag = etag(livingId);
      const answer =
        headerValue(header, 'if-none-match') === tag
          ? json(304, undefined, { ETag: tag })
          : json(200, card, { ETag: tag });
      const change = afterRead.get(livingId);
      if (change) {
        afterRead.delete(livingId);
        replace(change(card));
      }
      return answer;
    }
    if (method === 'POST' && path === '/api/visitors') {
      // A signed visitor id as the BFF issues them (the signature is not checked here: the stand-in is no verifier).
      const visitor: VisitorResponse = { visitor: `install${String(++serial).padStart(12, '0')}.${'s'.repeat(22)}` };
      visitors.push(visitor.visitor);
      return json(201, visitor);
    }
    if (method === 'POST' && /^\/api\/lives\/[^/]+\/(views|opens)$/.test(path)) return json(204, undefined);
    if (method === 'POST' && path === '/api/session/weapp') {
      if (typeof body.code !== 'string' || body.code === '') return failure(400, 'INVALID_BODY');
      const session: SessionResponse = {
        token: `session-${++serial}-for-${body.code}`,
        expiresAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      };
      issuedTokens.add(session.token);
      sessions.push(session);
      return json(200, session);
    }
    return failure(404, 'NOT_FOUND');
  }

  /** The viewer's session token, or the 401 the BFF would answer. */
  function sessionOf(header: Record<string, string>): string | WxResponse {
    const auth = headerValue(header, 'authorization');
    if (!auth) return failure(401, 'SESSION_REQUIRED');
    const token = auth.replace(/^Bearer /, '');
    return !issuedTokens.has(token) || refusedTokens.has(token) ? failure(401, 'SESSION_INVALID') : token;
  }

  /** `GET`/`POST /api/lives/:id/reminder`: the mini program's template for a reserved live, one reminder per viewer. */
  function remind(method: string, livingId: string, header: Record<string, string>, body: Record<string, unknown>) {
    const token = sessionOf(header);
    if (typeof token !== 'string') return token;
    const card = find(livingId);
    if (!card) return failure(404, 'LIVE_NOT_FOUND');
    const reserved = card.status === 'reserved';
    const key = `${livingId} ${token}`;
    if (method === 'POST') {
      if (!reserved) return failure(409, 'LIVE_NOT_WATCHABLE');
      if (reminderTemplate === null || body.templateId !== reminderTemplate) return failure(400, 'INVALID_BODY');
      reminders.add(key);
    }
    const state: ReminderState = {
      templateId: reserved ? reminderTemplate : null,
      subscribed: reserved && reminders.has(key),
    };
    return json(200, state);
  }

  function livingCode(livingId: string, header: Record<string, string>, body: Record<string, unknown>) {
    const token = sessionOf(header);
    if (typeof token !== 'string') return token;
    const card = find(livingId);
    if (!card) return failure(404, 'LIVE_NOT_FOUND');
    const access = watchAccess(card, body.replay === true);
    if (!access.watchable) return failure(409, 'LIVE_NOT_WATCHABLE', access.reason);
    // Like the sandbox's codes: `+`, `/` and `=` inside, so a missing URL-encoding shows.
    const livingCodeValue = `${livingId}+code/${++serial}==`;
    const answer: LivingCodeResponse = {
      livingCode: livingCodeValue,
      expiresAt: new Date(Date.now() + LIVING_CODE_TTL_SECONDS * 1000).toISOString(),
      launch: {
        appId: WECOM_LIVE_APP_ID,
        username: WECOM_LIVE_USERNAME,
        path: buildWatchPath(livingCodeValue, { replay: access.replay }),
      },
    };
    codes.push(answer);
    return json(200, answer);
  }

  return {
    /** Every request the mini program sent, in order. */
    requests,
    /** Sessions handed out by `POST /api/session/weapp`, in order. */
    sessions,
    /** Living codes handed out by `POST /api/lives/:id/code`, in order. */
    codes,
    /** Install ids handed out by `POST /api/visitors`, in order. */
    visitors,
    /** Reminders recorded by `POST /api/lives/:id/reminder`, as `livingId token`. */
    reminders,
    /** The mini program's reminder template the BFF offers for reserved lives (`null`: none configured). */
    setReminderTemplate(templateId: string | null) {
      reminderTemplate = templateId;
    },
    /** The cards `GET /api/lives` lists, in this order, and `GET /api/lives/:id` serves. */
    setLives(cards: LiveCard[]) {
      lives = [...cards];
    },
    /** After the next read of this card, the live changes (a live cancelled while a viewer looks at it). */
    changeAfterNextRead(livingId: string, change: (card: LiveCard) => LiveCard) {
      afterRead.set(livingId, change);
    },
    /** What `GET /api/scenes/:scene` answers for this alias scene (`!ALIAS`) of a mini program code. */
    setSceneAlias(scene: string, target: SceneTarget) {
      scenes.set(scene, target);
    },
    /** The BFF stops accepting this token (say its signing secret was rotated): 401 `SESSION_INVALID`. */
    refuseToken(token: string) {
      issuedTokens.add(token);
      refusedTokens.add(token);
    },
    reset() {
      lives = [];
      versions.clear();
      refusedTokens.clear();
      issuedTokens.clear();
      afterRead.clear();
      scenes.clear();
      requests.length = 0;
      sessions.length = 0;
      codes.length = 0;
      visitors.length = 0;
      reminders.clear();
      reminderTemplate = null;
    },
    /** Answers one `wx.request` as the BFF would. */
    handle({ url, method = 'GET', header = {}, data }: WxRequest): WxResponse {
      const { pathname } = new URL(url);
      const body = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
      // Like the BFF: a POST must carry a JSON body (`{}` when there is nothing to say), or it is refused with 415.
      const jsonBody =
        typeof data === 'object' &&
        data !== null &&
        /^application\/json\b/i.test(headerValue(header, 'content-type') ?? '');
      const answer =
        method.toUpperCase() === 'POST' && !jsonBody
          ? failure(415, 'UNSUPPORTED_MEDIA_TYPE')
          : route(method.toUpperCase(), pathname, header, body);
      requests.push({
        method: method.toUpperCase(),
        path: pathname,
        authorization: headerValue(header, 'authorization'),
        body: data === undefined ? undefined : body,
        status: answer.statusCode,
      });
      return answer;
    },
  };
}

export type BffStandIn = ReturnType<typeof createBffStandIn>;

function headerValue(header: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(header).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : header[key];
}
