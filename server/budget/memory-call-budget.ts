import { HOUR_MS, MINUTE_MS, MIN_HOLD_MS, type Admission, type BudgetLimits, type CallBudget } from './call-budget';

interface ApiLedger {
  /** When each call of the last minute / hour was admitted, oldest first. */
  minute: number[];
  hour: number[];
  /** The line, in arrival order, and when each place is given up if its holder does not come back. */
  line: string[];
  heldUntil: Map<string, number>;
}

const dropBefore = (times: number[], cutoff: number) => {
  let i = 0;
  while (i < times.length && times[i]! <= cutoff) i++;
  if (i > 0) times.splice(0, i);
};

/**
 * When the `k`-th call beyond what is free now may go (0-based): the `k`-th oldest call in the window leaves it,
 * a whole window later for every full round of the window's calls ahead.
 */
function waitFor(times: number[], k: number, windowMs: number, now: number): number {
  if (k < 0) return 0;
  if (times.length === 0) return windowMs;
  const at = times[k % times.length]! + windowMs * (1 + Math.floor(k / times.length));
  return Math.max(0, at - now);
}

/**
 * The budget for one process (memory mode, or an instance's fair share while the shared store is down), with the
 * same sliding windows and the same line as the Redis one.
 */
export function createMemoryCallBudget({
  limits,
  now = Date.now,
}: {
  limits: (api: string) => BudgetLimits;
  now?: () => number;
}): CallBudget {
  const ledgers = new Map<string, ApiLedger>();
  const ledgerOf = (api: string) => {
    let ledger = ledgers.get(api);
    if (!ledger) ledgers.set(api, (ledger = { minute: [], hour: [], line: [], heldUntil: new Map() }));
    return ledger;
  };

  const tidy = (ledger: ApiLedger, at: number) => {
    dropBefore(ledger.minute, at - MINUTE_MS);
    dropBefore(ledger.hour, at - HOUR_MS);
    if (ledger.line.some((m) => ledger.heldUntil.get(m)! <= at)) {
      ledger.line = ledger.line.filter((m) => ledger.heldUntil.get(m)! > at);
      for (const [m, until] of ledger.heldUntil) if (until <= at) ledger.heldUntil.delete(m);
    }
  };

  return {
    async admit(api, queueAs): Promise<Admission> {
      const at = now();
      const ledger = ledgerOf(api);
      tidy(ledger, at);
      const { perMinute, perHour } = limits(api);
      const freeMinute = perMinute - ledger.minute.length;
      const freeHour = perHour - ledger.hour.length;
      const free = Math.min(freeMinute, freeHour);
      const spend = (): Admission => {
        ledger.minute.push(at);
        ledger.hour.push(at);
        return { admitted: true };
      };
      const eta = (rank: number) =>
        Math.max(
          waitFor(ledger.minute, rank - freeMinute, MINUTE_MS, at),
          waitFor(ledger.hour, rank - freeHour, HOUR_MS, at),
        );

      if (queueAs === undefined) return free > 0 ? spend() : { admitted: false, etaMs: eta(0) };
      let rank = ledger.line.indexOf(queueAs);
      if (rank < 0) rank = ledger.line.push(queueAs) - 1;
      if (rank < free) {
        ledger.line.splice(rank, 1);
        ledger.heldUntil.delete(queueAs);
        return spend();
      }
      const etaMs = eta(rank);
      ledger.heldUntil.set(queueAs, at + Math.max(2 * etaMs, MIN_HOLD_MS));
      return { admitted: false, etaMs, position: rank + 1 };
    },
    async admitAhead(api, { reserve }): Promise<Admission> {
      const at = now();
      const ledger = ledgerOf(api);
      tidy(ledger, at);
      const window = limits(api);
      const free = { perMinute: window.perMinute - ledger.minute.length, perHour: window.perHour - ledger.hour.length };
      if (ledger.line.length === 0 && free.perMinute > reserve.perMinute && free.perHour > reserve.perHour) {
        ledger.minute.push(at);
        ledger.hour.push(at);
        return { admitted: true };
      }
      // When the reserve's worth of calls ahead of it has left both windows (a line adds its length on top).
      const etaMs = Math.max(
        waitFor(ledger.minute, reserve.perMinute + ledger.line.length - free.perMinute, MINUTE_MS, at),
        waitFor(ledger.hour, reserve.perHour + ledger.line.length - free.perHour, HOUR_MS, at),
      );
      return { admitted: false, etaMs: Math.max(etaMs, 1000) };
    },
    async holdsPlace(api, queueAs) {
      const ledger = ledgerOf(api);
      tidy(ledger, now());
      return ledger.heldUntil.has(queueAs);
    },
  };
}
