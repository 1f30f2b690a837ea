import type { Redis } from 'ioredis';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { BudgetLimits, CallBudget } from '../budget/call-budget';
import { AppError } from '../errors/app-error';
import { perMinuteLimiter } from '../store/per-minute-limiter';

export interface UnknownLiveLaneOptions {
  /**
   * The lane's own budget, over the same sliding windows as WeCom's and cluster-wide like it, with limits of
   * `share × WeCom's budget` (`unknownLaneLimits`). A call admitted here still spends WeCom's budget too.
   */
  budget: CallBudget;
  /** Cold lookups one client address may cause in a minute. */
  perIpPerMinute: number;
  /** Shared counters for every instance; without it (memory mode) this process counts alone. */
  redis?: Redis;
  keyPrefix?: string;
}

/** The lane's limits for an API: `share` of WeCom's, at least one call when the share is not 0. */
export function unknownLaneLimits(limits: BudgetLimits, share: number): BudgetLimits {
  const part = (n: number) => (share > 0 ? Math.max(1, Math.floor(n * share)) : 0);
  return { perMinute: part(limits.perMinute), perHour: part(limits.perHour) };
}

/**
 * The lane every WeCom call for a live the deployment does not know goes through (`known-lives.ts`): made-up ids
 * from one client are capped per address (429), and all of them together spend at most a share of each API's
 * budget (503), so the rest of the budget is always there for known lives, which never enter this lane.
 */
export function createUnknownLiveLane({ budget, perIpPerMinute, redis, keyPrefix = '' }: UnknownLiveLaneOptions) {
  const perIp = perMinuteLimiter(perIpPerMinute, 'unknown-lives-ip', redis, keyPrefix);
  return {
    /**
     * A client asks for a live nobody knows: one of its address's cold lookups (429 past the cap). Without an
     * address (staff, the BFF itself) only the lane's budget applies.
     */
    async admitClient(ip: string | undefined): Promise<void> {
      if (ip === undefined) return;
      try {
        await perIp.consume(ip);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) return; // the counter itself failed: the lane's budget still holds
        throw new AppError('TOO_MANY_REQUESTS', 'Too many lookups of unknown lives; please wait a moment', {
          retryAfter: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
        });
      }
    },
    /** Just before the WeCom call: one call of the lane's share of `api`, or 503 with when to come back. */
    async admitCall(api: string): Promise<void> {
      const admission = await budget.admit(api);
      if (admission.admitted) return;
      throw new AppError('UPSTREAM_RATE_LIMITED', 'Too many lookups of unknown lives; please retry shortly', {
        expose: true,
        retryAfter: Math.max(1, Math.ceil(admission.etaMs / 1000)),
      });
    },
  };
}

export type UnknownLiveLane = ReturnType<typeof createUnknownLiveLane>;
