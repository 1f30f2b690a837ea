import {
  defaultLivingInfo,
  normalizeLivingInfo,
  type LivingStatus,
  type ReplayStatus,
  type WecomLivingInfo,
} from './living-info';
import { SANDBOX_ANCHORS, seedLives, seedWatchStats } from './seed-lives';
import type { WatchStatStore } from '../watch-stat/watch-stat-store';

export interface ReplayChange {
  open_replay: 0 | 1;
  replay_status?: ReplayStatus;
}

/** What tests and the control endpoints may do to the lives the sandbox serves. */
export interface SandboxLives {
  /** A copy of the live's `living_info`, or `undefined` when WeCom would not know the id. */
  get(livingId: string): WecomLivingInfo | undefined;
  list(): Array<{ livingId: string; info: WecomLivingInfo }>;
  /**
   * Merges `info` into the live, creating it (reserved an hour from now, general type) when new. Changing an
   * existing live's status sends `living_status_change` as `setStatus` does; creating a live sends nothing.
   */
  upsert(livingId: string, info: Partial<WecomLivingInfo>): void;
  /**
   * Moves a live to `status` the way the anchor's actions would: going live stamps `living_start` now, ending
   * it stamps `living_duration`. Throws for an unknown id. A real change (not to the status it has) sends WeCom's
   * `living_status_change` callback in the background when a callback target is configured.
   */
  setStatus(livingId: string, status: LivingStatus, replay?: ReplayChange): void;
  /** Removes the live and who watched it. */
  remove(livingId: string): void;
  /**
   * Whether this app made the live with `living/create`: only those may be modified, cancelled or have their
   * replay deleted (seeded lives and lives a test wrote in stand for lives made elsewhere, e.g. in the WeCom app).
   */
  createdByApp(livingId: string): boolean;
}

export interface LiveStore extends SandboxLives {
  /** Every live of one member, newest reserved start first (the order get_user_all_livingid pages through). */
  idsOfAnchor(userId: string): string[];
  /** Back to the seeded lives and their viewers (or none), with times relative to the clock now. */
  reseed(): void;
  /** Adds a live made by this app (`living/create`), remembering when; sends no callback, as WeCom sends none. */
  create(livingId: string, info: WecomLivingInfo): void;
  /** How many lives this app created at or after `sinceMs` (WeCom allows 10,000 a day). */
  createdSince(sinceMs: number): number;
}

/**
 * The lives the sandbox's WeCom knows, kept as WeCom would send them (see `normalizeLivingInfo`). `onStatusChange`
 * hears every change of an existing live's status (through `setStatus` or `upsert`), the moment WeCom would send
 * its `living_status_change`; creating, removing and re-seeding lives are not status changes. `watchStats` holds who
 * watched each live: removing a live forgets them, re-seeding seeds them again.
 */
export function createLiveStore({
  now,
  seed,
  watchStats,
  onStatusChange = () => undefined,
}: {
  now: () => number;
  seed: boolean;
  watchStats?: WatchStatStore;
  onStatusChange?: (livingId: string, info: WecomLivingInfo) => void;
}): LiveStore {
  const lives = new Map<string, WecomLivingInfo>();
  /** The lives `living/create` made, with when. */
  const createdAt = new Map<string, number>();
  const nowSeconds = () => Math.floor(now() / 1000);
  const save = (livingId: string, next: WecomLivingInfo) => {
    const before = lives.get(livingId);
    lives.set(livingId, next);
    if (before && before.status !== next.status) onStatusChange(livingId, structuredClone(next));
  };

  const store: LiveStore = {
    get(livingId) {
      const info = lives.get(livingId);
      return info && structuredClone(info);
    },
    list() {
      return [...lives].map(([livingId, info]) => ({ livingId, info: structuredClone(info) }));
    },
    upsert(livingId, info) {
      const current = lives.get(livingId) ?? defaultLivingInfo(now(), SANDBOX_ANCHORS[0] ?? 'zhangwei');
      save(livingId, normalizeLivingInfo({ ...current, ...info }, livingId));
    },
    setStatus(livingId, status, replay) {
      const current = lives.get(livingId);
      if (!current) throw new Error(`sandbox: no live ${livingId}`);
      const next: WecomLivingInfo = { ...current, status };
      if (status === 1 && current.status !== 1) {
        next.living_start = nowSeconds();
        next.living_duration = 0;
        next.online_count = Math.max(current.online_count, 1);
      }
      if (status === 2 && current.status === 1) next.living_duration = Math.max(0, nowSeconds() - current.living_start);
      if (replay) {
        next.open_replay = replay.open_replay;
        if (replay.replay_status !== undefined) next.replay_status = replay.replay_status;
      }
      save(livingId, normalizeLivingInfo(next, livingId));
    },
    remove(livingId) {
      lives.delete(livingId);
      createdAt.delete(livingId);
      watchStats?.remove(livingId);
    },
    createdByApp: (livingId) => createdAt.has(livingId),
    create(livingId, info) {
      if (lives.has(livingId)) throw new Error(`sandbox: live ${livingId} exists`);
      lives.set(livingId, normalizeLivingInfo(info, livingId));
      createdAt.set(livingId, now());
    },
    createdSince(sinceMs) {
      let n = 0;
      for (const at of createdAt.values()) if (at >= sinceMs) n++;
      return n;
    },
    idsOfAnchor(userId) {
      return [...lives]
        .filter(([, info]) => info.anchor_userid === userId)
        .sort(([idA, a], [idB, b]) => b.reserve_start - a.reserve_start || idA.localeCompare(idB))
        .map(([id]) => id);
    },
    reseed() {
      lives.clear();
      createdAt.clear();
      watchStats?.clear();
      if (seed) for (const [id, info] of seedLives(now())) lives.set(id, info);
      if (seed && watchStats) seedWatchStats(watchStats);
    },
  };
  store.reseed();
  return store;
}
