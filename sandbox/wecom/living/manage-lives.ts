import { randomBytes } from 'node:crypto';
import { parseJsonObject, type ApiRequest, type Endpoint, type SandboxState } from '../../core/endpoint';
import { defaultLivingInfo, type WecomLivingInfo } from './living-info';
import { wecomError, type ErrorBody } from '../../core/platform-errors';
import type { SandboxApi } from '../../core/sandbox-api';
import { readLivingFields } from './living-fields';
import { wecomGuard } from '../api-guard';
import { SANDBOX_MEMBERS } from '../members';

/**
 * WeCom's errcodes for managing lives, from its global errcode table (document 90313): the live pages themselves
 * list none. 40058 (invalid parameter) also answers an unknown `livingid`, as get_living_info does.
 */
export const LIVING_ERRCODES = {
  invalidParameter: 40058,
  /** 60111 UserID不存在: not in the address book, or not in the app's visible range. */
  unknownUser: 60111,
  /** 92006 该直播已经开始或取消: modify and cancel work on reserved lives only. */
  startedOrCancelled: 92006,
  /** 92007 该直播回放不能被删除. */
  replayNotDeletable: 92007,
  /** 92008 当前应用没权限操作这个直播: the live was not created by this app. */
  notThisApp: 92008,
  /**
   * The 10,000 lives a day per app. WeCom's server pages name no errcode for it; its client API words it "api freq
   * out of limit", which is 45009's errmsg.
   */
  dailyLimit: 45009,
} as const;

/** WeCom's cap on lives created per app per day (a day in China, UTC+8). */
export const DAILY_CREATE_LIMIT = 10_000;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Midnight in China before `nowMs`. */
const chinaDayStart = (nowMs: number) => Math.floor((nowMs + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;

/** A new living id shaped like WeCom's: `lvOQpQDgAA` + 22 URL-safe characters. */
const newLivingId = () => `lvOQpQDgAA${randomBytes(17).toString('base64url').slice(0, 22)}`;

type Checked = { body: Record<string, unknown>; fail: (errcode: number, detail?: string) => ErrorBody };

/** The guard (POST, token, minute limit) and a JSON object body (47001 otherwise). */
function begin(req: ApiRequest, state: SandboxState, api: SandboxApi): Checked | ErrorBody {
  const denied = wecomGuard(req, state, api, 'POST');
  if (denied) return denied;
  const fail = (errcode: number, detail?: string) => wecomError(errcode, state.now(), req.ip, detail);
  const body = parseJsonObject(req.rawBody);
  return body ? { body, fail } : fail(47001);
}

/**
 * The live a manage call names, when this app may manage it: 40058 for a missing or unknown id, 92008 for a live
 * another app (or the WeCom app itself) created.
 */
function ownLive(state: SandboxState, { body, fail }: Checked): { id: string; info: WecomLivingInfo } | ErrorBody {
  const id = body.livingid;
  const info = typeof id === 'string' && id ? state.lives.get(id) : undefined;
  if (typeof id !== 'string' || !info) return fail(LIVING_ERRCODES.invalidParameter, 'invalid livingid');
  if (!state.lives.createdByApp(id)) return fail(LIVING_ERRCODES.notThisApp, 'no privilege to operate this living');
  return { id, info };
}

const OK = { errcode: 0, errmsg: 'ok' };

/**
 * `POST /cgi-bin/living/create?access_token` with `anchor_userid`, `theme` (≤ 20 characters), `living_start` (unix
 * seconds, in the future), `living_duration` (seconds > 0) and optionally `type` 0–4, `description` (≤ 100
 * characters), `remind_time` (seconds before the start) → `livingid` of a reserved live. The anchor must be a
 * member (60111 otherwise); `agentid` and the `activity_*` fields are accepted and not kept. The live is this
 * app's: it appears in get_living_info and its anchor's get_user_all_livingid at once.
 */
export const createLiving: Endpoint = (req, state) => {
  const checked = begin(req, state, 'living/create');
  if ('errcode' in checked) return checked;
  const { body, fail } = checked;
  const read = readLivingFields(body, {
    call: 'create',
    nowSeconds: Math.floor(state.now() / 1000),
    required: ['anchor_userid', 'theme', 'living_start', 'living_duration'],
  });
  if ('invalid' in read) return fail(LIVING_ERRCODES.invalidParameter, `invalid ${read.invalid}`);
  const anchor = body.anchor_userid;
  if (typeof anchor !== 'string' || !anchor) return fail(LIVING_ERRCODES.invalidParameter, 'invalid anchor_userid');
  const member = Object.hasOwn(SANDBOX_MEMBERS, anchor) ? SANDBOX_MEMBERS[anchor] : undefined;
  if (!member) return fail(LIVING_ERRCODES.unknownUser, 'userid not found');
  if (state.lives.createdSince(chinaDayStart(state.now())) >= DAILY_CREATE_LIMIT) {
    return fail(LIVING_ERRCODES.dailyLimit);
  }
  const { fields } = read;
  const start = fields.living_start as number;
  const livingId = newLivingId();
  state.lives.create(livingId, {
    ...defaultLivingInfo(state.now(), anchor),
    theme: fields.theme as string,
    living_start: start,
    living_duration: 0,
    reserve_start: start,
    reserve_living_duration: fields.living_duration as number,
    description: fields.description ?? '',
    main_department: member.mainDepartment,
    type: fields.type ?? 0,
  });
  return { ...OK, livingid: livingId };
};

/**
 * `POST /cgi-bin/living/modify?access_token` with `livingid` and any of `theme` (≤ 60 bytes), `living_start`,
 * `living_duration`, `type`, `description` (≤ 300 bytes), `remind_time`: only a reserved live (92006 once it has
 * started, ended, expired or been cancelled) this app created (92008). A new start moves the reserved start; a new
 * duration the reserved duration. No callback: the status does not change.
 */
export const modifyLiving: Endpoint = (req, state) => {
  const checked = begin(req, state, 'living/modify');
  if ('errcode' in checked) return checked;
  const live = ownLive(state, checked);
  if ('errcode' in live) return live;
  const read = readLivingFields(checked.body, { call: 'modify', nowSeconds: Math.floor(state.now() / 1000) });
  if ('invalid' in read) return checked.fail(LIVING_ERRCODES.invalidParameter, `invalid ${read.invalid}`);
  if (live.info.status !== 0) return checked.fail(LIVING_ERRCODES.startedOrCancelled, 'living started or canceled');
  const { theme, living_start: start, living_duration: duration, type, description } = read.fields;
  state.lives.upsert(live.id, {
    ...(theme !== undefined ? { theme } : {}),
    ...(start !== undefined ? { living_start: start, reserve_start: start } : {}),
    ...(duration !== undefined ? { reserve_living_duration: duration } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(description !== undefined ? { description } : {}),
  });
  return OK;
};

/**
 * `POST /cgi-bin/living/cancel?access_token` with `{livingid}`: a reserved live this app created becomes status 4
 * (cancelled), which sends `living_status_change` like any status change; 92006 once it is no longer reserved.
 */
export const cancelLiving: Endpoint = (req, state) => {
  const checked = begin(req, state, 'living/cancel');
  if ('errcode' in checked) return checked;
  const live = ownLive(state, checked);
  if ('errcode' in live) return live;
  if (live.info.status !== 0) return checked.fail(LIVING_ERRCODES.startedOrCancelled, 'living started or canceled');
  state.lives.setStatus(live.id, 4);
  return OK;
};

/**
 * `POST /cgi-bin/living/delete_replay_data?access_token` with `{livingid}`: the replay of an ended live this app
 * created, when there is one (replay on and ready) — its `replay_status` becomes 2 (deleted). Anything else is
 * 92007: no replay yet, replay off, still generating, failed or already deleted.
 */
export const deleteReplayData: Endpoint = (req, state) => {
  const checked = begin(req, state, 'living/delete_replay_data');
  if ('errcode' in checked) return checked;
  const live = ownLive(state, checked);
  if ('errcode' in live) return live;
  const { status, open_replay: replayOn, replay_status: replay } = live.info;
  if (status !== 2 || replayOn !== 1 || replay !== 0) {
    return checked.fail(LIVING_ERRCODES.replayNotDeletable, 'replay can not be deleted');
  }
  state.lives.setStatus(live.id, 2, { open_replay: 1, replay_status: 2 });
  return OK;
};
