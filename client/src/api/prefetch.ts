import type { FirstRequest } from '../../../shared/first-request';
import type { LiveCard } from '../../../shared/live-card';
import type { BffApi, LiveFetch } from './bff-api';

/**
 * How long an early answer may stand in for the page's own first request: the BFF itself calls a card fresh for
 * 5 s, so an answer this young is as good as a new one.
 */
export const PREFETCH_FRESH_MS = 5_000;

export interface PrefetchingBffApi extends BffApi {
  /**
   * Sends `request` now. The page's first identical call (`listLives()`, or `getLive(id)` without an ETag) is
   * answered by it, once, if it started less than {@link PREFETCH_FRESH_MS} ago; every other call asks the BFF.
   */
  prefetch(request: FirstRequest): void;
}

const keyOf = (request: FirstRequest) => (request.kind === 'lives' ? 'lives' : `live:${request.livingId}`);

/**
 * Why: on a cold H5 entry the browser runs the app bundle, then fetches and runs the page's chunk, and only then
 * would the page ask for its data. Asking as soon as the app bundle runs overlaps that request with the page's
 * chunk, which saves about one round trip on a mobile network (docs/benchmarks.md).
 */
export function withPrefetch(api: BffApi, now: () => number = Date.now): PrefetchingBffApi {
  let early: { key: string; startedAt: number; answer: Promise<unknown> } | undefined;

  /** The early answer for `key`, taken so it serves once; `undefined` if there is none or it is too old. */
  function take<T>(key: string): Promise<T> | undefined {
    if (early?.key !== key) return undefined;
    const { startedAt, answer } = early;
    early = undefined;
    return now() - startedAt < PREFETCH_FRESH_MS ? (answer as Promise<T>) : undefined;
  }

  // An early request that failed says nothing the page must believe (it may have raced a sign-in or a blip): the
  // page asks again, and the error it shows, if any, is from its own request.
  const earlyOr = <T>(key: string, ask: () => Promise<T>): Promise<T> => take<T>(key)?.catch(ask) ?? ask();

  return {
    ...api,
    prefetch(request) {
      const answer: Promise<LiveCard[] | LiveFetch> =
        request.kind === 'lives' ? api.listLives() : api.getLive(request.livingId);
      answer.catch(() => {}); // handled by whoever takes it; never an unhandled rejection if nobody does
      early = { key: keyOf(request), startedAt: now(), answer };
    },
    listLives: () => earlyOr('lives', () => api.listLives()),
    getLive: (livingId, etag) =>
      etag === undefined ? earlyOr(`live:${livingId}`, () => api.getLive(livingId)) : api.getLive(livingId, etag),
  };
}
