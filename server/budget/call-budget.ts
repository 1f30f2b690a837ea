/** The calls one API may make: at most `perMinute` in any 60 s and `perHour` in any hour (sliding, not fixed). */
export interface BudgetLimits {
  perMinute: number;
  perHour: number;
}

/**
 * A call made ahead of need (a code prepared before a viewer taps): admitted only while nobody waits in line and
 * more than `reserve` calls are free in both windows, so that what it spends is headroom and the reserve stays for
 * callers who wait; never given a place in line.
 */
export interface Headroom {
  reserve: BudgetLimits;
}

/** The answer to "may this call go to WeCom now?". */
export type Admission =
  | { admitted: true }
  /** Not now: come back in `etaMs`. With a queue place, `position` is 1-based and the place is held for a while. */
  | { admitted: false; etaMs: number; position?: number };

/**
 * One cluster-wide budget per upstream API, checked before every call. A caller that names itself (`queueAs`, e.g.
 * a viewer's session) waits in a line in arrival order when the budget is spent: it keeps its place while it comes
 * back in time (about twice the wait it was told), is admitted as budget frees up, and is never overtaken by a later
 * arrival. Callers that do not name themselves (a retry, a card read) are admitted while any budget is left.
 */
export interface CallBudget {
  admit(api: string, queueAs?: string): Promise<Admission>;
  /** A call made ahead of need: admitted from headroom only (see `Headroom`), or told when there will be some. */
  admitAhead(api: string, headroom: Headroom): Promise<Admission>;
  /** Whether `queueAs` holds a place in the line for `api` (so it is not refused by per-client limits). */
  holdsPlace(api: string, queueAs: string): Promise<boolean>;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** A place is held at least this long, however short the wait it was told. */
export const MIN_HOLD_MS = 10_000;
