import type { Logger } from 'pino';

export interface StoreHealthOptions {
  logger: Logger;
  now?: () => number;
  /** After a failed command, the shared store is skipped this long before it is tried again. */
  backoffMs?: number;
  /** While degraded, at most one reminder line this often. */
  reminderMs?: number;
}

/**
 * Whether the shared store can be used right now, and the log lines an operator needs about it: one when it
 * degrades, one when it recovers, at most one a minute in between. Never a line per request.
 */
export function createStoreHealth({
  logger,
  now = Date.now,
  backoffMs = 2000,
  reminderMs = 60_000,
}: StoreHealthOptions) {
  let connected = false;
  let skipUntil = 0;
  let degradedSince: number | undefined;
  let remindedAt = 0;
  let lastError = '';

  const degrade = (reason: string) => {
    lastError = reason;
    const at = now();
    if (degradedSince === undefined) {
      degradedSince = at;
      remindedAt = at;
      logger.error({ event: 'store_degraded', reason }, 'shared store unreachable: serving from memory');
    } else if (at - remindedAt >= reminderMs) {
      remindedAt = at;
      logger.warn(
        { event: 'store_still_degraded', reason, forMs: at - degradedSince },
        'shared store still unreachable: serving from memory',
      );
    }
  };

  const recover = () => {
    if (degradedSince === undefined) return;
    logger.warn({ event: 'store_recovered', afterMs: now() - degradedSince }, 'shared store reachable again');
    degradedSince = undefined;
  };

  return {
    /** The connection is up (ioredis `ready`). */
    connected() {
      connected = true;
      skipUntil = 0;
      recover();
    },
    /**
     * A command on the shared store just worked. After a failure on a live connection (one slow command) this is
     * what says the store is fine again: the connection never dropped, so no `ready` will come to say so.
     */
    succeeded() {
      if (connected) recover();
    },
    /** The connection is down (ioredis `close`/`end`), or never came up. */
    disconnected(reason = 'connection closed') {
      connected = false;
      degrade(reason);
    },
    /** A command failed on a live connection (a timeout, a refused write): skip the store for a short while. */
    failed(err: unknown) {
      skipUntil = now() + backoffMs;
      degrade(err instanceof Error ? err.message : String(err));
    },
    /** Use the shared store for this operation? */
    usable(): boolean {
      if (!connected) {
        degrade(lastError || 'not connected');
        return false;
      }
      if (now() < skipUntil) return false;
      return true;
    },
    /** True while the shared store is not being used (for /readyz and metrics). */
    degraded(): boolean {
      return degradedSince !== undefined || !connected;
    },
  };
}

export type StoreHealth = ReturnType<typeof createStoreHealth>;
