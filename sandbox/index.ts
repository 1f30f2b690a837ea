// The emulator as tests, benches and the BFF's sandbox mode use it.
export { createSandbox, type SandboxOptions } from './sandbox';
export type { Sandbox, SandboxMp } from './sandbox-handle';
export { pointAtSandbox } from './point-at-sandbox';

// core/: what every emulated API shares.
export { SANDBOX_CREDENTIALS, type SandboxCredentials } from './core/credentials';
export { SANDBOX_APIS, type SandboxApi } from './core/sandbox-api';
export type { SandboxCall } from './core/call-log';
export type { SandboxFaults, FaultTarget } from './core/fault-injector';
export type { SandboxTokens } from './core/token-registry';

// wecom/: the lives, their viewers, the corp's members and their sign-in.
export {
  SANDBOX_LIVES,
  SANDBOX_ANCHORS,
  SANDBOX_BULK_ANCHOR,
  BULK_LIVE_COUNT,
  type SandboxLiveName,
} from './wecom/living/seed-lives';
export type { SandboxLives, ReplayChange } from './wecom/living/live-store';
export type { SandboxLivingCodes, IssuedLivingCode } from './wecom/living/living-code-registry';
export type { WecomLivingInfo, LivingStatus, LivingType, ReplayStatus } from './wecom/living/living-info';
export type {
  SandboxWatchStats,
  WatchStat,
  WatchStatUser,
  WatchStatExternalUser,
} from './wecom/watch-stat/watch-stat-store';
export { SANDBOX_MEMBERS, SANDBOX_STAFF_MEMBER, SANDBOX_NON_STAFF_MEMBER, type SandboxMember } from './wecom/members';
export type { SandboxMembers } from './wecom/sign-in/member-logins';
export { SANDBOX_WECOM_USER_COOKIE } from './wecom/sign-in/sign-in-page';

// wechat/: the mini program's and the service account's logins.
export type { SandboxWechat } from './wechat/mini-program-logins';
export type { SandboxOAuth, OAuthScope } from './wechat/oauth-logins';
export { SANDBOX_WX_USER_COOKIE, SANDBOX_DEFAULT_WX_USER } from './wechat/oauth-authorize';
export type { SandboxSubscriptions, SubscribeDelivery } from './wechat/subscribe/subscriptions';
export {
  SANDBOX_REMINDER_TEMPLATES,
  type SubscribeApp,
  type SubscribeTemplate,
} from './wechat/subscribe/subscribe-templates';
export {
  URL_LINK_DAILY_QUOTA,
  type SandboxUrlLinks,
  type IssuedUrlLink,
  type UrlLinkOpen,
} from './wechat/url-links/url-link-registry';
export { URL_LINK_PATH_PREFIX } from './wechat/url-links/url-link-page';

// callbacks/: WeCom's living_status_change callbacks to the BFF.
export type { SandboxCallbacks, CallbackDelivery, CallbackUrlCheck } from './callbacks/deliverer';
export { CALLBACK_DELIVERIES_PER_EVENT } from './callbacks/deliverer';
export type { SandboxCallbackFaults } from './callbacks/faults';
export { SANDBOX_CALLBACK_AGENT_ID, type CallbackTarget } from './callbacks/target';
export { randomCallbackSecrets, randomCallbackToken, randomEncodingAesKey } from './callbacks/secrets';
export {
  callbackAesKey,
  callbackSignature,
  decryptCallbackMessage,
  encryptCallbackMessage,
  type OpenedCallbackMessage,
} from './callbacks/message-crypto';
export type { LivingStatusChange } from './callbacks/event-xml';

// controls/: the /__sandbox endpoints.
export { CONTROL_PREFIX } from './controls/router';
