import { generateWatchStat } from './watch-stat-generator';
import type { WatchStat } from './watch-stat-rows';

export type { WatchStat, WatchStatExternalUser, WatchStatUser } from './watch-stat-rows';

/** What tests and the control endpoints may do to the viewers get_watch_stat reports. */
export interface SandboxWatchStats {
  /** Replaces the live's viewers with exactly these (copied). */
  set(livingId: string, stat: WatchStat): void;
  /**
   * Replaces the live's viewers with `count` made-up ones, the same for the same `seed` (default: the living id):
   * members and WeChat (type 1) and WeCom (type 2) external people, tricky names included. Built when first read.
   */
  generate(livingId: string, count: number, seed?: string): void;
  /** A copy of the live's viewers; `undefined` when none were set (get_watch_stat then answers an empty list). */
  get(livingId: string): WatchStat | undefined;
  remove(livingId: string): void;
}

export interface WatchStatStore extends SandboxWatchStats {
  /** The live's viewers without copying, for the endpoint to page through; never change them. */
  peek(livingId: string): WatchStat | undefined;
  clear(): void;
}

/**
 * The viewers the sandbox's WeCom counted per live. Generated viewers are only built when first read, so seeding
 * (and every `reset()`) stays cheap however many there are.
 */
export function createWatchStatStore(): WatchStatStore {
  const stats = new Map<string, () => WatchStat>();
  const peek = (livingId: string) => stats.get(livingId)?.();
  return {
    set(livingId, { users, externalUsers }) {
      const stat = structuredClone({ users, externalUsers });
      stats.set(livingId, () => stat);
    },
    generate(livingId, count, seed = livingId) {
      let stat: WatchStat | undefined;
      stats.set(livingId, () => (stat ??= generateWatchStat(count, seed)));
    },
    get: (livingId) => {
      const stat = peek(livingId);
      return stat && structuredClone(stat);
    },
    peek,
    remove(livingId) {
      stats.delete(livingId);
    },
    clear() {
      stats.clear();
    },
  };
}
