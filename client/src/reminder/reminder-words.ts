import { isApiError } from '../api/api-error';

/** The button's words, and what a viewer reads after each answer of WeChat's prompt. */
export const REMINDER_WORDS = {
  ask: '开播提醒我',
  subscribed: '已预约，开播时提醒你',
  retry: '重试',
  /** A plain no: the prompt shows again next time, so the way back is simply another tap. */
  rejected: '你没有允许提醒，想要时再点一次',
  /**
   * "Always reject" or subscribe messages switched off: WeChat shows no prompt until the viewer changes it, so say
   * where (the mini program's settings page lists its subscribe messages).
   */
  banned: '提醒已被关闭：点右上角「…」→ 设置 → 订阅消息，打开后再点一次',
  unavailable: '暂时无法预约开播提醒',
  promptFailed: '没能打开订阅，请再点一次',
} as const;

/** Why recording an accepted reminder failed, in the viewer's words; the accept itself is kept for the retry. */
export function saveErrorHint(error: unknown): string {
  if (isApiError(error, 'NETWORK_ERROR')) return '网络不太顺畅，提醒没有记下，请重试';
  if (isApiError(error, 'LOGIN_FAILED', 'SESSION_INVALID', 'SESSION_REQUIRED'))
    return '登录没有成功，提醒没有记下，请重试';
  if (isApiError(error) && error.status === 429) return '操作太频繁，请稍后重试';
  return '提醒没有记下，请重试';
}
