/**
 * The console's create / modify form as rules: its values, how they start, how they are checked and what is sent.
 * The rules the BFF checks too come from `shared/` (the userid, the theme and description limits, the duration,
 * the live types), so the form refuses exactly what the BFF would, in Chinese and before the request.
 */
import { LIVE_TYPES, type LiveType } from '../../../shared/live-card';
import { LIVE_DURATION_MAX_SECONDS, isLiveDurationSeconds } from '../../../shared/live-duration';
import { liveTextOverflow, type LiveTextField } from '../../../shared/live-text-limits';
import type { CreateLiveRequest, ModifyLiveRequest, StaffLive } from '../../../shared/staff-api';
import { isWecomUserId } from '../../../shared/wecom-userid';
import { fromDateTimeLocal, toDateTimeLocal } from './format';

/** The create / modify form as the inputs hold it (strings), before it is checked. */
export interface LiveFormValues {
  anchorUserId: string;
  theme: string;
  /** `<input type="datetime-local">`, local time. */
  startsAt: string;
  durationMinutes: string;
  type: LiveType;
  description: string;
  /** Seconds before the start, as a select's value; `''` = no reminder (create) or unchanged (modify). */
  remindSecondsBefore: string;
}

export type LiveFormErrors = Partial<Record<keyof LiveFormValues, string>>;

/** The duration field counts minutes: at most a day (`shared/live-duration.ts`). */
export const DURATION_MAX_MINUTES = LIVE_DURATION_MAX_SECONDS / 60;

export const REMIND_OPTIONS = [
  { value: '', label: '不提醒' },
  { value: '300', label: '开播前 5 分钟' },
  { value: '900', label: '开播前 15 分钟' },
  { value: '1800', label: '开播前 30 分钟' },
  { value: '3600', label: '开播前 1 小时' },
  { value: '86400', label: '开播前 1 天' },
];

const FIELD_NAME: Record<LiveTextField, string> = { theme: '主题', description: '简介' };

/**
 * What is wrong with a theme or description, in the unit that failed: characters as a person counts them (an
 * emoji is one), or, when the characters fit and the bytes do not (emoji), the bytes, saying how they are counted.
 */
function textError(field: LiveTextField, text: string): string | undefined {
  const over = liveTextOverflow(field, text);
  if (!over) return undefined;
  const name = FIELD_NAME[field];
  return over.unit === 'characters'
    ? `${name}最多 ${over.max} 个字，现在 ${over.count} 个`
    : `${name}最多 ${over.max} 字节（汉字算 3 字节，表情符号算 4 字节），现在 ${over.count} 字节`;
}

export function emptyLiveForm(anchorUserId: string, now: number): LiveFormValues {
  // Tomorrow at the next whole hour: a reasonable first guess that is always in the future.
  const start = new Date(now + 24 * 3600 * 1000);
  start.setMinutes(0, 0, 0);
  return {
    anchorUserId,
    theme: '',
    startsAt: toDateTimeLocal(start.toISOString()),
    durationMinutes: '60',
    type: 'general',
    description: '',
    remindSecondsBefore: '900',
  };
}

/** The form filled with a reserved live, to modify it (the reminder is not in the card: "unchanged"). */
export function liveFormFrom(live: StaffLive): LiveFormValues {
  return {
    anchorUserId: live.anchorUserId,
    theme: live.theme,
    startsAt: toDateTimeLocal(live.startsAt),
    durationMinutes: String(Math.max(1, Math.round(live.durationSeconds / 60))),
    type: live.type,
    description: live.description,
    remindSecondsBefore: '',
  };
}

/** The same minute: the form holds minutes, so a start at 19:30:20 left alone is not a change. */
const sameMinute = (a: string, b: string) => Math.floor(Date.parse(a) / 60_000) === Math.floor(Date.parse(b) / 60_000);

/**
 * Checks the form as WeCom would, so a person hears about a too-long theme before the request: the request to
 * send, or what is wrong with each field. `plannedStartsAt` (modifying) is the live's start as it is: left
 * unchanged it is not sent, so it need not be in the future (a reserved live whose start just passed can still
 * have its theme fixed); a new start must be.
 */
export function checkLiveForm(
  values: LiveFormValues,
  now: number,
  { plannedStartsAt }: { plannedStartsAt?: string } = {},
): { ok: true; request: CreateLiveRequest } | { ok: false; errors: LiveFormErrors } {
  const errors: LiveFormErrors = {};
  const anchorUserId = values.anchorUserId.trim();
  if (!isWecomUserId(anchorUserId)) errors.anchorUserId = '请填写主播的企业微信账号（字母、数字、_ - . @）';
  const theme = values.theme.trim();
  const themeError = theme ? textError('theme', theme) : '请填写直播主题';
  if (themeError) errors.theme = themeError;
  const startsAt = fromDateTimeLocal(values.startsAt);
  if (!startsAt) errors.startsAt = '请选择开播时间';
  else if (!(plannedStartsAt && sameMinute(startsAt, plannedStartsAt)) && Date.parse(startsAt) <= now)
    errors.startsAt = '开播时间要在现在之后';
  const minutes = Number(values.durationMinutes);
  if (!Number.isInteger(minutes) || !isLiveDurationSeconds(minutes * 60)) {
    errors.durationMinutes = `时长填 1 到 ${DURATION_MAX_MINUTES} 分钟的整数`;
  }
  if (!LIVE_TYPES.includes(values.type)) errors.type = '请选择直播类型';
  const description = values.description.trim();
  const descriptionError = textError('description', description);
  if (descriptionError) errors.description = descriptionError;
  const remind = values.remindSecondsBefore === '' ? undefined : Number(values.remindSecondsBefore);
  if (remind !== undefined && (!Number.isInteger(remind) || remind < 0)) errors.remindSecondsBefore = '请选择提醒时间';
  if (Object.keys(errors).length > 0 || !startsAt) return { ok: false, errors };
  return {
    ok: true,
    request: {
      anchorUserId,
      theme,
      startsAt,
      durationSeconds: minutes * 60,
      type: values.type,
      ...(description ? { description } : {}),
      ...(remind !== undefined ? { remindSecondsBefore: remind } : {}),
    },
  };
}

/** Only what the person changed, for `PATCH` (the anchor cannot change; an untouched reminder is not sent). */
export function changesFrom(live: StaffLive, request: CreateLiveRequest): ModifyLiveRequest {
  const changes: ModifyLiveRequest = {};
  if (request.theme !== live.theme) changes.theme = request.theme;
  if (!sameMinute(request.startsAt, live.startsAt)) changes.startsAt = request.startsAt;
  if (request.durationSeconds !== live.durationSeconds) changes.durationSeconds = request.durationSeconds;
  if (request.type !== live.type) changes.type = request.type;
  if ((request.description ?? '') !== live.description) changes.description = request.description ?? '';
  if (request.remindSecondsBefore !== undefined) changes.remindSecondsBefore = request.remindSecondsBefore;
  return changes;
}
