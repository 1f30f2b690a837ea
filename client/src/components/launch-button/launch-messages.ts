import { isApiError } from '../../api/api-error';

/**
 * The button once a tap fetched the code: WeChat opens another mini program only inside a tap (the open tag takes
 * its own), so the viewer who tapped without a code is asked for one more.
 */
export const PREPARED_LABEL = '已为你准备好，点击进入';

/** Words for a failed code fetch; the BFF's own message where it is meant for viewers. */
export function codeErrorHint(error: unknown): string {
  if (isApiError(error, 'LIVE_NOT_WATCHABLE')) return '直播状态有变化，正在刷新';
  if (isApiError(error, 'LOGIN_FAILED', 'SESSION_INVALID', 'SESSION_REQUIRED')) return '登录没有成功，请重试';
  if (isApiError(error, 'UPSTREAM_RATE_LIMITED')) return '观看的人有点多，请稍后重试';
  if (isApiError(error, 'NETWORK_ERROR')) return '网络不太顺畅，请重试';
  return '暂时无法进入直播，请重试';
}

/** `navigateToMiniProgram` rejects with `{ errMsg: 'navigateToMiniProgram:fail cancel' }` when the viewer says no. */
export function isUserCancel(error: unknown): boolean {
  const errMsg = (error as { errMsg?: unknown } | null)?.errMsg;
  return typeof errMsg === 'string' && errMsg.includes('cancel');
}
