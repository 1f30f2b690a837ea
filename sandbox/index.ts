export { createSandbox, type SandboxOptions } from './sandbox';
export type { Sandbox, SandboxMp } from './sandbox-handle';
export { pointAtSandbox } from './point-at-sandbox';
export { SANDBOX_CREDENTIALS, type SandboxCredentials } from './credentials';
export {
  SANDBOX_LIVES,
  SANDBOX_ANCHORS,
  SANDBOX_BULK_ANCHOR,
  BULK_LIVE_COUNT,
  type SandboxLiveName,
} from './seed-lives';
export { SANDBOX_APIS, type SandboxApi } from './sandbox-api';
export type { SandboxCall } from './call-log';
export type { SandboxFaults, FaultTarget } from './fault-injector';
export type { SandboxLives, ReplayChange } from './live-store';
export type { SandboxWatchStats, WatchStat, WatchStatUser, WatchStatExternalUser } from './watch-stat';
export type { SandboxTokens } from './token-registry';
export type { SandboxWechat } from './wechat-logins';
export type { SandboxOAuth, OAuthScope } from './wechat-oauth-logins';
export { SANDBOX_WX_USER_COOKIE, SANDBOX_DEFAULT_WX_USER } from './wechat-oauth-authorize';
export { SANDBOX_MEMBERS, SANDBOX_STAFF_MEMBER, SANDBOX_NON_STAFF_MEMBER, type SandboxMember } from './wecom-members';
export type { SandboxMembers } from './wecom-member-logins';
export { SANDBOX_WECOM_USER_COOKIE } from './wecom-sign-in';
export type { SandboxLivingCodes, IssuedLivingCode } from './living-code-registry';
export type { WecomLivingInfo, LivingStatus, LivingType, ReplayStatus } from './living-info';
export { CONTROL_PREFIX } from './control-router';
export type { SandboxCallbacks, CallbackDelivery, CallbackUrlCheck } from './callback-deliverer';
export { CALLBACK_DELIVERIES_PER_EVENT } from './callback-deliverer';
export type { SandboxCallbackFaults } from './callback-faults';
export { SANDBOX_CALLBACK_AGENT_ID, type CallbackTarget } from './callback-target';
export { randomCallbackSecrets, randomCallbackToken, randomEncodingAesKey } from './callback-secrets';
export {
  callbackAesKey,
  callbackSignature,
  decryptCallbackMessage,
  encryptCallbackMessage,
  type OpenedCallbackMessage,
} from './wecom-callback-crypto';
export type { LivingStatusChange } from './living-status-callback-xml';
