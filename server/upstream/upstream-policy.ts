import type { BackoffOptions } from './backoff';

/** The numbers a platform client works by; each platform sets its own (`wecom-client.ts`, `wechat-client.ts`). */
export interface UpstreamPolicy {
  /** Retries after a "busy" errcode or a transport failure. */
  maxRetries: number;
  backoff: BackoffOptions;
  /** Calls in flight per API at most. */
  maxConcurrentPerApi: number;
  /** After retries are exhausted on an outage, fail fast for this long instead of waiting on timeouts again. */
  outageHoldMs: number;
  /** A rate limit's window: calls to that API wait this long. */
  rateLimitHoldMs: number;
  /** "Too many concurrent calls": a short pause before calling again. */
  concurrencyHoldMs: number;
  /** The token grant refused as misconfigured: do not ask again for this long (failing grants get apps blocked). */
  tokenFailureCooldownMs: number;
}
