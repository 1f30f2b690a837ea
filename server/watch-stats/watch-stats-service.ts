import type { LiveCardService } from '../lives/live-card-service';
import { AppError } from '../errors/app-error';
import type { Store } from '../store/store';
import type { WatchStatApi, WecomWatcher } from '../wecom/watch-stat-api';
import { aggregateWatchers, type WatchAggregates } from './watch-aggregates';

interface CachedWatchers {
  watchers: WecomWatcher[];
  fetchedAt: number;
}

export interface WatchStatsServiceOptions {
  watchStatApi: WatchStatApi;
  cards: Pick<LiveCardService, 'get'>;
  store: Store;
  now?: () => number;
  /** A live still on (or not started) changes: its watchers are fetched again after this long. */
  liveRefreshMs?: number;
  /** An ended live's watchers do not change: kept this long. */
  endedKeepMs?: number;
}

/**
 * One live's watchers from WeCom (every page, within the budget, one fetch for concurrent staff), cached: while the
 * live can still change, refreshed every few minutes at most; once it has ended, kept.
 */
export function createWatchStatsService({
  watchStatApi,
  cards,
  store,
  now = Date.now,
  liveRefreshMs = 3 * 60_000,
  endedKeepMs = 7 * 24 * 3600_000,
}: WatchStatsServiceOptions) {
  const key = (livingId: string) => `watch-stat:${livingId}`;

  async function watchers(livingId: string): Promise<{ watchers: WecomWatcher[]; fetchedAt: number }> {
    const card = await cards.get(livingId);
    const done = card.status !== 'reserved' && card.status !== 'living';
    const fresh = (c: CachedWatchers | undefined): c is CachedWatchers =>
      !!c && (done || now() - c.fetchedAt < liveRefreshMs);
    const cached = await store.get<CachedWatchers>(key(livingId));
    if (fresh(cached)) return cached;
    return store.singleFlight(key(livingId), async () => {
      const again = await store.get<CachedWatchers>(key(livingId));
      if (fresh(again)) return again;
      const list = await watchStatApi.getWatchers(livingId);
      if (!list) throw new AppError('LIVE_NOT_FOUND', `No live with id ${livingId}`);
      const entry: CachedWatchers = { watchers: list, fetchedAt: now() };
      await store.set(key(livingId), entry, done ? endedKeepMs : liveRefreshMs);
      return entry;
    });
  }

  return {
    watchers,
    async aggregates(livingId: string): Promise<WatchAggregates & { fetchedAt: string }> {
      const entry = await watchers(livingId);
      return { ...aggregateWatchers(entry.watchers), fetchedAt: new Date(entry.fetchedAt).toISOString() };
    },
  };
}

export type WatchStatsService = ReturnType<typeof createWatchStatsService>;
