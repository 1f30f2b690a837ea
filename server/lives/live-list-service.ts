import type { Logger } from 'pino';
import type { LiveCard } from '../../shared/live-card';
import type { StaffLive } from '../../shared/staff-api';
import { isAppError } from '../errors/app-error';
import type { IdSet } from '../store/id-set';
import type { Store } from '../store/store';
import type { LivingReadApi } from '../wecom/living-read-api';
import type { LiveCardService } from './live-card-service';
import type { KnownLives } from './known-lives';
import { compareLiveCards } from './live-order';

export interface LiveListServiceOptions {
  liveIds: string[];
  anchors: string[];
  livingApi: LivingReadApi;
  cards: LiveCardService;
  store: Store;
  logger: Logger;
  /** The lives this app created (`living/create`), listed with the rest; none when absent. */
  createdLives?: IdSet;
  /** Told every id on an anchor's list, so lookups of those lives never wait in the lane for unknown ones. */
  known?: Pick<KnownLives, 'learn'>;
  /** How long an anchor's list of lives is reused. */
  anchorListMs?: number;
  /** At most this many cards fetched at once. */
  concurrency?: number;
}

/**
 * The home page's lives: the featured ids, every live of the listed anchors and every live this app created,
 * de-duplicated and ordered. One live that cannot be loaded does not spoil the list; the list fails only when nothing
 * at all could be.
 */
export function createLiveListService({
  liveIds,
  anchors,
  livingApi,
  cards,
  store,
  logger,
  createdLives,
  known,
  anchorListMs = 60_000,
  concurrency = 8,
}: LiveListServiceOptions) {
  async function anchorLives(userId: string): Promise<string[]> {
    const key = `anchor-lives:${userId}`;
    const cached = await store.get<string[]>(key);
    if (cached) return cached;
    return store.singleFlight(key, async () => {
      const ids = await livingApi.getUserAllLivingIds(userId);
      await store.set(key, ids, anchorListMs);
      await known?.learn(ids);
      return ids;
    });
  }

  async function mapLimited<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
    const results: PromiseSettledResult<R>[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        try {
          results[i] = { status: 'fulfilled', value: await fn(items[i] as T) };
        } catch (reason) {
          results[i] = { status: 'rejected', reason };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    return results;
  }

  /** The created ids, or none while their store is away: the rest of the list still stands. */
  async function createdIds(): Promise<string[]> {
    if (!createdLives) return [];
    try {
      return await createdLives.all();
    } catch (err) {
      logger.warn({ event: 'created_lives_failed', err: String(err) }, 'created lives unavailable');
      return [];
    }
  }

  async function load(): Promise<{ lives: LiveCard[]; created: Set<string> }> {
    const [anchorResults, created] = await Promise.all([
      Promise.allSettled(anchors.map(anchorLives)),
      createdIds().then((ids) => new Set(ids)),
    ]);
    const ids = new Set(liveIds);
    const failures: unknown[] = [];
    anchorResults.forEach((r, i) => {
      if (r.status === 'fulfilled') r.value.forEach((id) => ids.add(id));
      else {
        failures.push(r.reason);
        logger.warn({ event: 'anchor_lives_failed', anchor: anchors[i], err: String(r.reason) }, 'anchor list failed');
      }
    });
    created.forEach((id) => ids.add(id));
    const results = await mapLimited([...ids], (id) => cards.get(id));
    const lives: LiveCard[] = [];
    for (const r of results) {
      if (r.status === 'fulfilled') lives.push(r.value);
      else if (!(isAppError(r.reason) && r.reason.code === 'LIVE_NOT_FOUND')) failures.push(r.reason);
    }
    // Nothing to show and something failed: say so rather than pretend the list is empty.
    if (lives.length === 0 && failures.length > 0) throw failures[0];
    return { lives: lives.sort(compareLiveCards), created };
  }

  return {
    async list(): Promise<LiveCard[]> {
      return (await load()).lives;
    },
    /**
     * The same lives for staff, newest start first (the console is a register, not a programme), each saying whether
     * this app created it (and so may manage it).
     */
    async listForStaff(): Promise<StaffLive[]> {
      const { lives, created } = await load();
      return lives
        .map((card) => ({ ...card, createdByApp: created.has(card.livingId) }))
        .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt) || a.livingId.localeCompare(b.livingId));
    },
  };
}

export type LiveListService = ReturnType<typeof createLiveListService>;
