import type { Redis } from 'ioredis';
import type { Context } from 'koa';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config/config';
import { AppError } from '../errors/app-error';
import { viewerKey, type Viewer } from '../sign-in/viewer';
import { perMinuteLimiter as perMinute } from '../store/per-minute-limiter';

/** Which of our own limits a route spends from. */
export type ClientLimit = 'login' | 'code' | 'beacon' | 'reminder';

export interface ClientLimitsOptions {
  limits: Config['limits'];
  /** Shared counters for all instances; without it (memory mode) each process counts alone. */
  redis?: Redis;
  keyPrefix?: string;
  /** A viewer waiting in the line for a code follows Retry-After: such a viewer is never refused here. */
  waitsInLine?: (viewer: Viewer) => Promise<boolean>;
  /** Funnel visitor ids issued per client address per minute (`FUNNEL_NEW_VISITORS_PER_IP_PER_MINUTE`). */
  newVisitorsPerIpPerMinute?: number;
}

/**
 * Our own API, limited per client so one client cannot spend everyone's WeCom budget or WeChat's login quota:
 * sign-ins per IP, code requests per session and per IP. Defaults let a shared office NAT through. Card reads are
 * not limited per client (they cost WeCom nothing while cached).
 */
export function createClientLimits({
  limits,
  redis,
  keyPrefix = '',
  waitsInLine,
  newVisitorsPerIpPerMinute = 60,
}: ClientLimitsOptions) {
  const loginsPerIp = perMinute(limits.loginsPerIpPerMinute, 'logins-ip', redis, keyPrefix);
  const codesPerSession = perMinute(limits.codesPerSessionPerMinute, 'codes-session', redis, keyPrefix);
  const codesPerIp = perMinute(limits.codesPerIpPerMinute, 'codes-ip', redis, keyPrefix);
  // The funnel's beacons: a page sends one view and one open at most per code it asks for, so the codes' allowance.
  const beaconsPerIp = perMinute(limits.codesPerIpPerMinute, 'beacons-ip', redis, keyPrefix);
  // 开播提醒: a page asks once and records once per tap; the codes' allowances, counted apart.
  const remindersPerSession = perMinute(limits.codesPerSessionPerMinute, 'reminders-session', redis, keyPrefix);
  const remindersPerIp = perMinute(limits.codesPerIpPerMinute, 'reminders-ip', redis, keyPrefix);
  // The funnel's new visitors: each is a new unique view, so one address may only be given so many a minute.
  const visitorsPerIp = perMinute(newVisitorsPerIpPerMinute, 'visitors-ip', redis, keyPrefix);

  async function spend(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return; // the counter itself failed: let the request through
      throw new AppError('TOO_MANY_REQUESTS', 'Too many requests; please wait a moment', {
        retryAfter: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
      });
    }
  }

  const routeLimits = {
    async login(ctx: Context): Promise<void> {
      await spend(loginsPerIp, ctx.ip);
    },
    async code(ctx: Context, viewer: Viewer | undefined): Promise<void> {
      if (viewer && (await waitsInLine?.(viewer))) return;
      if (viewer) await spend(codesPerSession, viewerKey(viewer));
      await spend(codesPerIp, ctx.ip);
    },
    async beacon(ctx: Context): Promise<void> {
      await spend(beaconsPerIp, ctx.ip);
    },
    async reminder(ctx: Context, viewer: Viewer | undefined): Promise<void> {
      if (viewer) await spend(remindersPerSession, viewerKey(viewer));
      await spend(remindersPerIp, ctx.ip);
    },
  } satisfies Record<ClientLimit, (ctx: Context, viewer: Viewer | undefined) => Promise<void>>;

  return {
    ...routeLimits,
    /**
     * Spends one of this address's new funnel visitors for the minute: 429 `TOO_MANY_REQUESTS` once they are used
     * up. A counter that fails lets the visitor through, as every limit here does.
     */
    async newVisitor(ctx: Context): Promise<void> {
      await spend(visitorsPerIp, ctx.ip);
    },
  };
}

export type ClientLimits = ReturnType<typeof createClientLimits>;
