export type { LivesResponse, SessionResponse, LaunchTarget, LivingCodeResponse, JssdkConfigResponse } from './api';
export { WECOM_LIVE_APP_ID, WECOM_LIVE_USERNAME, WECOM_WATCH_PAGE, LIVING_CODE_TTL_SECONDS } from './constants';
export { ERROR_CODES, type ErrorCode, type ApiErrorBody } from './error-codes';
export type { LiveCard, LiveStatus, LiveType, ReplayState } from './live-card';
export { liveStatusFromCode, liveTypeFromCode, replayStateFrom } from './live-status';
export { primaryAction, type PrimaryAction } from './primary-action';
export { watchAccess, type WatchAccess, type NotWatchableReason } from './watch-access';
export { buildWatchPath, type WatchPathOptions } from './watch-path';
