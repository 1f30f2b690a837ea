/**
 * What a platform's errcodes mean to the call core. Each platform fills this in from its own documentation
 * (`wecom/wecom-errcodes.ts`, `wechat/wechat-errcodes.ts`); an errcode in none of these sets is a refusal of
 * that one request, which the platform's API function may turn into a typed outcome (an unknown live, a spent
 * login code).
 */
export interface PlatformErrcodes {
  /** Transient ("system busy"): retried with back-off a bounded number of times. */
  busy: ReadonlySet<number>;
  /** The access token is bad: it is refreshed and the call retried once. */
  tokenRefused: ReadonlySet<number>;
  /** A limit was reached: calls to that API are held back, for the rate window or briefly for concurrency. */
  limited: ReadonlyMap<number, 'rate' | 'concurrency'>;
  /** The app is set up wrongly; retrying cannot help, an operator must act. The value says what to fix. */
  misconfigured: ReadonlyMap<number, string>;
}
