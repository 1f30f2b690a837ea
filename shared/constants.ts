/**
 * Fixed identifiers of WeCom's own live mini program (from WeCom's "watch in WeChat" page).
 * The viewer is always handed over to this mini program; we never render the live ourselves.
 */
export const WECOM_LIVE_APP_ID = 'wx7424030d69bde86e';
/** Original id (原始 id) of the same mini program, used by the H5 open tag `wx-open-launch-weapp`. */
export const WECOM_LIVE_USERNAME = 'gh_25e071b83ee0';
/** The page inside WeCom's live mini program that plays a live or its replay. */
export const WECOM_WATCH_PAGE = 'pages/watch/index';
/** A `living_code` may be reused for five minutes after WeCom issues it. */
export const LIVING_CODE_TTL_SECONDS = 300;
