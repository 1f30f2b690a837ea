import type { Logger } from 'pino';
import type { LiveCard } from '../../shared/live-card';
import { AppError, isAppError } from '../errors/app-error';
import { isUpstreamError } from '../errors/upstream-error';
import type { Store } from '../store/store';
import type { LivingReadApi } from '../wecom/living-read-api';
import { toLiveCard } from './live-card-mapper';
import { liveStatusFromCode } from '../../shared/live-status';
import type { CardLookup } from '../metrics/metrics';
import type { KnownLives } from './known-lives';
import type { UnknownLiveLane } from './unknown-live-lane';

export interface LiveCardServiceOptions {
  livingApi: LivingReadApi;
  store: Store;
  logger: Logger;
  now?: () => number;
  /** A card younger than this is served without asking WeCom. */
  freshMs?: number;
  /** While WeCom fails, a card up to this old is served with `stale: true`. */
  staleMaxMs?: number;
  /**
   * An id WeCom refused is remembered this long, in the store (shared by every instance), so scanning random ids
   * cannot turn into WeCom calls.
   */
  notFoundMs?: number;
  /** Told how each request was answered (for metrics). */
  onLookup?: (result: CardLookup) => void;
  /** The lives this deployment knows; without it every live counts as known (no lane). */
  known?: KnownLives;
  /** Where lookups of lives nobody knows go (capped per client and to a share of the budget). */
  lane?: UnknownLiveLane;
}

/**
 * Who asks for a card. A client is named by its address (`ctx.ip`, a socket's address): lookups of unknown lives
 * are capped per address. Without one (staff, the BFF's own lists and refreshes) only the lane's share applies.
 */
export interface CardCaller {
  ip?: string;
}

/** Told that the card of a live changed on this instance (a push, a refresh, a fetch, a refusal). */
export type CardChangeListener = (livingId: string) => void;

interface CachedCard {
  /** Served as is while fresh: the same object for every request, so its serialization can be memoized. */
  card: Readonly<LiveCard>;
  fetchedAt: number;
}

const GET_LIVING_INFO = 'living/get_living_info';

const notFound = (livingId: string) => new AppError('LIVE_NOT_FOUND', `No live with id ${livingId}`);

/**
 * Live cards, cached briefly; concurrent misses for one live become one `get_living_info`. When WeCom is failing
 * the last good card stands in (marked stale) for a bounded time.
 */
export function createLiveCardService({
  livingApi,
  store,
  logger,
  now = Date.now,
  freshMs = 5_000,
  staleMaxMs = 15 * 60_000,
  notFoundMs = 10 * 60_000,
  onLookup,
  known,
  lane,
}: LiveCardServiceOptions) {
  const cardKey = (id: string) => `live:${id}`;
  const missKey = (id: string) => `live-missing:${id}`;
  const listeners = new Set<CardChangeListener>();
  const changed = (livingId: string) => listeners.forEach((listener) => listener(livingId));

  /**
   * The card from WeCom, cached; with `force`, even when the cache holds a fresh one (after a push). A cold fetch
   * (no card at all, of a live nobody knows) first spends one of the address `ip`'s cold lookups and one call of
   * the lane's share, and teaches the live once WeCom confirms it. A forced fetch is the BFF's own (a push, a
   * manager's change): never cold, and it teaches the live too.
   */
  async function fetchCard(
    livingId: string,
    { force = false, ip }: { force?: boolean; ip?: string } = {},
  ): Promise<CachedCard> {
    // A concurrent flight (or another instance) may have just stored a fresh card.
    const cached = force ? undefined : await store.get<CachedCard>(cardKey(livingId));
    if (cached && now() - cached.fetchedAt < freshMs) return cached;
    // A live with a card (even a stale one) is known.
    const cold = !force && !cached && (await isCold(livingId));
    if (cold) {
      await lane?.admitClient(ip);
      await lane?.admitCall(GET_LIVING_INFO);
    }
    const info = await livingApi.getLivingInfo(livingId);
    if (!info) {
      await store.set(missKey(livingId), true, notFoundMs);
      await store.delete(cardKey(livingId));
      changed(livingId);
      throw notFound(livingId);
    }
    const entry: CachedCard = { card: { ...toLiveCard(livingId, info), stale: false }, fetchedAt: now() };
    await store.set(cardKey(livingId), entry, staleMaxMs);
    changed(livingId);
    if (cold || force) await known?.learn([livingId]);
    return entry;
  }

  /**
   * One flight per live for all concurrent callers: only the caller that leads it (and so causes the WeCom call)
   * spends its address's cold lookups, so a crowd behind one NAT opening a new live costs that address one. A
   * caller that joined a flight whose leader's address was capped tries a flight of its own (twice at most).
   */
  async function fetchOnce(livingId: string, ip: string | undefined): Promise<CachedCard> {
    for (let attempt = 1; ; attempt++) {
      let led = false;
      try {
        return await store.singleFlight(cardKey(livingId), () => {
          led = true;
          return fetchCard(livingId, { ip });
        });
      } catch (err) {
        if (!led && attempt < 3 && isAppError(err) && err.code === 'TOO_MANY_REQUESTS') continue;
        throw err;
      }
    }
  }

  /** Whether a lookup with nothing cached must go through the lane: a live this deployment does not know. */
  async function isCold(livingId: string): Promise<boolean> {
    return lane !== undefined && known !== undefined && !(await known.has(livingId));
  }

  /**
   * The card and, when it is fresh, until when (the caller may serve it again without asking until then). A stale
   * copy (WeCom failing) has no such time.
   */
  async function lookup(
    livingId: string,
    caller: CardCaller = {},
  ): Promise<{ card: Readonly<LiveCard>; freshUntil?: number }> {
    const cached = await store.get<CachedCard>(cardKey(livingId));
    if (cached && now() - cached.fetchedAt < freshMs) {
      onLookup?.('cached');
      return { card: cached.card, freshUntil: cached.fetchedAt + freshMs };
    }
    if (!cached && (await store.get<boolean>(missKey(livingId)))) {
      onLookup?.('missing');
      throw notFound(livingId);
    }
    try {
      const entry = await fetchOnce(livingId, caller.ip);
      onLookup?.('fetched');
      return { card: entry.card, freshUntil: entry.fetchedAt + freshMs };
    } catch (err) {
      if (isAppError(err) && err.code === 'LIVE_NOT_FOUND') onLookup?.('missing');
      if (cached && isUpstreamError(err) && err.isOutage && now() - cached.fetchedAt < staleMaxMs) {
        onLookup?.('stale');
        logger.warn(
          { event: 'stale_card', livingId, code: err.code, ageMs: now() - cached.fetchedAt },
          'serving stale card',
        );
        return { card: { ...cached.card, stale: true } };
      }
      throw err;
    }
  }

  /**
   * WeCom pushed a new status: the cached card takes it at once (no upstream call), fresh from now, and is returned
   * for the screens. An ended live's replay is not in the event: until the refresh tells, it reads as being
   * generated (WeCom generates it after the end). `undefined` when no card is cached (nothing to show yet) or the
   * status is one WeCom does not document.
   */
  async function applyStatus(livingId: string, wecomStatus: number): Promise<LiveCard | undefined> {
    const status = liveStatusFromCode(wecomStatus);
    const cached = await store.get<CachedCard>(cardKey(livingId));
    if (!status || !cached) return undefined;
    const replay = status !== 'ended' ? 'none' : cached.card.replay !== 'none' ? cached.card.replay : 'generating';
    const card: LiveCard = { ...cached.card, status, replay, stale: false };
    await store.set(cardKey(livingId), { card, fetchedAt: now() } satisfies CachedCard, staleMaxMs);
    changed(livingId);
    return card;
  }

  /**
   * Asks WeCom for the full card now, whatever the cache holds (after a push or a manager's change), and caches it.
   * Only the BFF itself refreshes (never for a client's id), so the live is known from then on.
   */
  async function refresh(livingId: string): Promise<Readonly<LiveCard>> {
    return (await store.singleFlight(`${cardKey(livingId)}:refresh`, () => fetchCard(livingId, { force: true }))).card;
  }

  return {
    lookup,
    applyStatus,
    refresh,
    /** The card; treat it as immutable (fresh cards are shared between requests). */
    async get(livingId: string, caller?: CardCaller): Promise<Readonly<LiveCard>> {
      return (await lookup(livingId, caller)).card;
    },
    /**
     * Calls `listener` whenever this instance stores, changes or drops a live's card, synchronously after the store
     * has it (e.g. the HTTP fast path forgets its copy). Returns the unsubscribe function.
     */
    onChange(listener: CardChangeListener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type LiveCardService = ReturnType<typeof createLiveCardService>;
