export { ARTIFACTS_DIR, artifactPath } from './artifacts';
export { takeCspViolations, watchCsp } from './csp-violations';
export { startBffStack, type BffStack, type BffStackOptions } from './bff-stack';
export { H5_DIR, requireH5Build } from './h5-build';
export { STAFF_DIR, requireStaffBuild } from './staff-build';
export {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  DESKTOP_VIEWPORT,
  PHONE_VIEWPORT,
  USER_AGENTS,
  launchChromium,
  newPhoneContext,
  type PhoneEnv,
} from './phone-browser';
export {
  SUBSCRIBE_ACCEPTED_BINDING,
  wechatStandIn,
  type FireOpenTagEvent,
  type SubscribeTagAnswer,
  type WechatStandInLog,
  type WechatStandInOptions,
} from './wechat-stand-in';
export { AXE_TAGS, axeReport, axeViolations, blockingOnly, describeViolations, type AxeViolation } from './axe';
export { withoutFirstScreen } from './first-screen';
export { viewerSuite, type ViewerSuite } from './viewer-suite';
export { copiedTexts, recordCopies } from './copies';
export { signInWechatH5 } from './wechat-sign-in';
