import type { AudienceCounters } from '../store/audience-counters';

/** A count is read from the store at most this often per live and start (it only sizes a spread). */
const READ_EVERY_MS = 5_000;

/**
 * How many viewers wait on a reserved live's page for a code to be prepared before its start, across every
 * instance: a HyperLogLog per live and start (a viral live costs kilobytes), so the BFF can spread the preparing
 * over enough of the last minutes for WeCom's budget to cover everyone. Counting never stands in a viewer's way.
 */
export function createCodeWaiters({ counters, now = Date.now }: { counters: AudienceCounters; now?: () => number }) {
  const key = (livingId: string, startsAt: string) => `code-waiters:${livingId}:${startsAt}`;
  const recent = new Map<string, { count: number; readAt: number }>();

  return {
    /** `waiter` (a viewer key) waits for a code of this live, reserved to start at `startsAt`. */
    add(livingId: string, startsAt: string, waiter: string): Promise<void> {
      return counters.record({ unique: [{ key: key(livingId, startsAt), member: waiter }] });
    },

    /** About how many wait (a few seconds old at most); 0 when the store cannot say. */
    async count(livingId: string, startsAt: string): Promise<number> {
      const k = key(livingId, startsAt);
      const known = recent.get(k);
      if (known && now() - known.readAt < READ_EVERY_MS) return known.count;
      const reading = await counters.read({ unique: [[k]], counts: [] }).catch(() => undefined);
      const count = reading?.unique[0] ?? known?.count ?? 0;
      // Only lives being prepared are read, a handful at a time: the map stays small, and is emptied when it is not.
      if (recent.size > 1000) recent.clear();
      recent.set(k, { count, readAt: now() });
      return count;
    },
  };
}

export type CodeWaiters = ReturnType<typeof createCodeWaiters>;
