import type { AudienceCounters } from '../store/audience-counters';
import type { Store } from '../store/store';

const DAY_MS = 24 * 3600_000;
/** China is UTC+8 all year: WeChat's day (and its quotas) turns at 16:00 UTC. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** `2026-12-06`: the China day `ms` falls on. */
export const chinaDay = (ms: number): string => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** Milliseconds from `ms` to the next China midnight. */
const untilChinaMidnight = (ms: number) => DAY_MS - ((ms + CHINA_OFFSET_MS) % DAY_MS);

export interface UrlLinkQuotaOptions {
  /** Where every instance counts (Redis with several instances): one counter per China day. */
  counters: AudienceCounters;
  /** Where "WeChat says the day's quota is spent" is kept, until China midnight. */
  store: Store;
  /** WeChat's quota of URL Links and URL Schemes together, per mini program per day: 500,000. */
  perDay: number;
  /** Generation stops once this share (percent) of the day's quota is spent: the rest stays a reserve. */
  stopPercent: number;
  now?: () => number;
}

/** The day's count as `/metrics` shows it. */
export interface UrlLinkQuotaReading {
  /** Links generated today (China day), by every instance. */
  used: number;
  /** WeChat's daily quota. */
  limit: number;
  /** Where this BFF stops generating (the reserve above it is left). */
  stopAt: number;
}

/**
 * The mini program's daily quota of URL Links (shared with URL Schemes, which this BFF does not make): a counter per
 * China day in the shared counters, so every instance counts together, and a stop short of the quota so that a
 * surge (or another system spending the same quota) never leaves us at zero. Concurrent generations may each pass
 * the check before counting: the reserve absorbs that. When WeChat itself says the day is spent (45009), nothing is
 * generated until China midnight.
 */
export function createUrlLinkQuota({ counters, store, perDay, stopPercent, now = Date.now }: UrlLinkQuotaOptions) {
  const countKey = (day: string) => `url-link-quota:${day}`;
  const spentKey = (day: string) => `url-link-quota-spent:${day}`;
  const stopAt = Math.floor((perDay * stopPercent) / 100);

  async function reading(): Promise<UrlLinkQuotaReading> {
    const { counts } = await counters.read({ unique: [], counts: [countKey(chinaDay(now()))] });
    return { used: counts[0] ?? 0, limit: perDay, stopAt };
  }

  return {
    reading,
    /** Whether a link may be generated now: under the stop, and WeChat has not said the day is spent. */
    async allows(): Promise<boolean> {
      const day = chinaDay(now());
      if (await store.get<boolean>(spentKey(day))) return false;
      // A counter that cannot be read (the store away) does not stop generation: each key still generates once.
      const used = await reading().then(
        (r) => r.used,
        () => 0,
      );
      return used < stopAt;
    },
    /** One link generated. Never rejects (a count the store could not take is lost, as the funnel's are). */
    async spend(): Promise<void> {
      await counters.record({ counts: [countKey(chinaDay(now()))] });
    },
    /** WeChat refused for the day's quota: nothing more is asked of it until China midnight. */
    async spent(): Promise<void> {
      const at = now();
      await store.set(spentKey(chinaDay(at)), true, untilChinaMidnight(at));
    },
  };
}

export type UrlLinkQuota = ReturnType<typeof createUrlLinkQuota>;
