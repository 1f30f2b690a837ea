/** WeCom errcodes that change what the client does (see ../shared/docs/wecom-wechat.md §1). */

export const SYSTEM_BUSY = -1;

/** The access token is bad: refresh it and retry the call once. 40001 persisting means a wrong secret. */
export const TOKEN_REFUSED = new Set([40001, 40014, 42001]);

/** Frequency limit (per API per corp, or per IP): the window lasts a minute. */
export const FREQUENCY_LIMIT = 45009;
/** Too many concurrent calls. */
export const TOO_MANY_CONCURRENT = 45033;

/** The app is set up wrongly; retrying cannot help, an operator must act. */
export const CONFIGURATION_ERRCODES = new Map<number, string>([
  [40001, 'invalid corp secret'],
  [40013, 'invalid corp id'],
  [40056, 'invalid agent id'],
  [41002, 'corp id missing'],
  [41004, 'corp secret missing'],
  [48002, "API not permitted for this app (add it to the live app's API list)"],
  [60020, "caller IP not in the app's trusted IP list"],
  [60011, 'no privilege to access this resource'],
]);
