import type { LivingCodeDeferred, LivingCodeResponse } from '../../shared/api';
import type { LiveCard } from '../../shared/live-card';
import { LIVING_CODE_TTL_SECONDS, WECOM_LIVE_APP_ID, WECOM_LIVE_USERNAME } from '../../shared/constants';
import { watchAccess } from '../../shared/watch-access';
import { buildWatchPath } from '../../shared/watch-path';
import type { BudgetLimits } from '../budget/call-budget';
import { AppError } from '../errors/app-error';
import { isUpstreamError } from '../errors/upstream-error';
import { viewerKey, type Viewer } from '../sign-in/viewer';
import type { Store } from '../store/store';
import type { LivingReadApi } from '../wecom/living-read-api';
import type { CardCaller, LiveCardService } from './live-card-service';
import {
  AFTER_START_SPREAD_MS,
  MOMENT_TOLERANCE_MS,
  beforeCheckIn,
  checkInAt,
  placeInSpread,
  prepareAt,
} from './code-schedule';
import type { CodeWaiters } from './code-waiters';

export interface LivingCodeServiceOptions {
  livingApi: LivingReadApi;
  cards: LiveCardService;
  store: Store;
  now?: () => number;
  /** A code is handed out again until this long after WeCom issued it (it is valid for five minutes). */
  reuseMs?: number;
  watchPathHtmlSuffix?: boolean;
  /**
   * Codes made ahead of a tap (a page's first code and its refreshes): what of the `get_living_code` budget they
   * must leave for taps, and whether and how long before a reserved live's start they are prepared.
   */
  ahead?: { limits: BudgetLimits; tapReserve: number; prepare: boolean; windowMs: number; waiters: CodeWaiters };
  random?: () => number;
}

interface IssuedCode {
  code: string;
  issuedAt: number;
  /** The start a reserved live had when the code was made: a live moved since gets new codes. */
  reservedStart?: string;
}

/** A code asked ahead of a tap and put off is asked again no sooner than this… */
const MIN_RETRY_MS = 5_000;
/** …and, after a budget refusal, spread over this much more, so the pages put off together do not return together. */
const BUDGET_RETRY_SPREAD = 0.5;
/** A background refresh is due this long after the code stops being handed out again (clocks, slow answers). */
const REFRESH_SLACK_MS = 1_000;

const NO_AHEAD = {
  limits: { perMinute: 0, perHour: 0 },
  tapReserve: 1,
  prepare: false,
  windowMs: 0,
  waiters: { add: async () => undefined, count: async () => 0 },
};

/**
 * A viewer's `living_code` for one live and the launch target built from it. Repeated taps within the reuse
 * window cost no WeCom call; a viewer only ever gets a code for their own openid (from the session).
 */
export function createLivingCodeService({
  livingApi,
  cards,
  store,
  now = Date.now,
  reuseMs = 4 * 60_000,
  watchPathHtmlSuffix = false,
  ahead = NO_AHEAD,
  random = Math.random,
}: LivingCodeServiceOptions) {
  const validityMs = LIVING_CODE_TTL_SECONDS * 1000;
  const reserve = {
    perMinute: Math.ceil(ahead.limits.perMinute * ahead.tapReserve),
    perHour: Math.ceil(ahead.limits.perHour * ahead.tapReserve),
  };
  const aheadPerMinute = ahead.limits.perMinute - reserve.perMinute;

  const codeKey = (viewer: Viewer, livingId: string) => `living-code:${viewerKey(viewer)}:${livingId}`;
  const reservedStart = (card: LiveCard) => (card.status === 'reserved' ? card.startsAt : undefined);

  /** The card, if the viewer may enter the live now (409 otherwise), and how. */
  async function watchable(livingId: string, replayAsked: boolean, caller: CardCaller | undefined) {
    const card = await cards.get(livingId, caller);
    const access = watchAccess(card, replayAsked);
    if (!access.watchable) {
      throw new AppError('LIVE_NOT_WATCHABLE', `This live cannot be watched now (${access.reason})`, {
        reason: access.reason,
      });
    }
    return { card, replay: access.replay };
  }

  /** The viewer's code for this live if one can be handed out again (made for the live's current start). */
  async function reusable(key: string, card: LiveCard): Promise<IssuedCode | undefined> {
    const issued = await store.get<IssuedCode>(key);
    const sameStart = issued?.reservedStart === undefined || issued.reservedStart === reservedStart(card);
    return issued && sameStart && now() - issued.issuedAt < reuseMs ? issued : undefined;
  }

  /**
   * A new code from WeCom for the viewer, spending as `spending` says; asked once for concurrent requests (which
   * then share it), and not at all when one of them already got a code that can be handed out again.
   */
  async function newCode(
    viewer: Viewer,
    card: LiveCard,
    spending: Parameters<LivingReadApi['getLivingCode']>[2],
  ): Promise<IssuedCode> {
    const key = codeKey(viewer, card.livingId);
    return store.singleFlight(key, async () => {
      const again = await reusable(key, card);
      if (again) return again;
      const code = await livingApi.getLivingCode(card.livingId, viewer.openid, spending);
      const fresh: IssuedCode = { code, issuedAt: now(), reservedStart: reservedStart(card) };
      // Kept while it is valid, not only while it is reused: an open reported later still finds it (`held`).
      await store.set(key, fresh, validityMs);
      return fresh;
    });
  }

  const answer = (issued: IssuedCode, replay: boolean): LivingCodeResponse => ({
    livingCode: issued.code,
    expiresAt: new Date(issued.issuedAt + validityMs).toISOString(),
    launch: {
      appId: WECOM_LIVE_APP_ID,
      username: WECOM_LIVE_USERNAME,
      path: buildWatchPath(issued.code, { replay, htmlSuffix: watchPathHtmlSuffix }),
    },
  });

  const deferred = (reason: LivingCodeDeferred['deferred'], retryInMs: number): LivingCodeDeferred => ({
    deferred: reason,
    retryInSeconds: Math.ceil(Math.max(MIN_RETRY_MS, retryInMs) / 1000),
  });

  /**
   * Put off a code for a reserved live whose start is further off than a code lives: when to come back, or none.
   * Far from the start, the page checks in just before the window opens; from then on it is given its own moment
   * in the spread, sized by how many wait then.
   */
  async function notYet(viewer: Viewer, card: LiveCard): Promise<LivingCodeDeferred | undefined> {
    const startMs = Date.parse(card.startsAt);
    if (card.status !== 'reserved' || !(startMs > now())) return undefined;
    if (!ahead.prepare) return deferred('before_start', startMs - now() + random() * AFTER_START_SPREAD_MS);
    const waiter = viewerKey(viewer);
    const place = placeInSpread(waiter, card.livingId, card.startsAt);
    await ahead.waiters.add(card.livingId, card.startsAt, waiter);
    const window = { startMs, windowMs: ahead.windowMs };
    if (beforeCheckIn(window, now())) return deferred('before_start', checkInAt(window, place) - now());
    const waiters = await ahead.waiters.count(card.livingId, card.startsAt);
    const at = prepareAt({ ...window, waiters, aheadPerMinute }, place);
    const windowOpen = now() >= startMs - ahead.windowMs;
    return windowOpen && at - now() <= MOMENT_TOLERANCE_MS ? undefined : deferred('before_start', at - now());
  }

  return {
    /**
     * A viewer tapped: their code now, from the budget first (waiting in the fair line when it is spent). `caller`
     * is who asked (its address): the card of a live nobody knows is looked up in the capped lane.
     */
    async issue(
      viewer: Viewer,
      livingId: string,
      replayAsked: boolean,
      caller?: CardCaller,
    ): Promise<LivingCodeResponse> {
      const { card, replay } = await watchable(livingId, replayAsked, caller);
      const held = await reusable(codeKey(viewer, livingId), card);
      return answer(held ?? (await newCode(viewer, card, { queueAs: viewerKey(viewer) })), replay);
    },

    /**
     * A page asks ahead of a tap (its button showed, or its code runs out): a code only from the budget's headroom
     * and, for a reserved live, only in the last minutes before the start; otherwise when to ask again. The answer
     * says when to refresh: when a new code would be handed out (a minute before the old one stops working).
     */
    async prepare(
      viewer: Viewer,
      livingId: string,
      replayAsked: boolean,
      caller?: CardCaller,
    ): Promise<LivingCodeResponse | LivingCodeDeferred> {
      const { card, replay } = await watchable(livingId, replayAsked, caller);
      const held = await reusable(codeKey(viewer, livingId), card);
      if (!held) {
        const later = await notYet(viewer, card);
        if (later) return later;
      }
      let issued: IssuedCode;
      try {
        issued = held ?? (await newCode(viewer, card, { ahead: { reserve } }));
      } catch (error) {
        if (!isUpstreamError(error) || error.code !== 'UPSTREAM_RATE_LIMITED') throw error;
        const retryAfterMs = (error.retryAfter ?? 0) * 1000;
        return deferred('budget', retryAfterMs * (1 + random() * BUDGET_RETRY_SPREAD));
      }
      const refreshInMs = Math.max(MIN_RETRY_MS, issued.issuedAt + reuseMs + REFRESH_SLACK_MS - now());
      return { ...answer(issued, replay), refreshInSeconds: Math.ceil(refreshInMs / 1000) };
    },

    /** The code `viewer` was last given for a live, while it still works; nothing is asked of WeCom. */
    async held(viewer: Viewer, livingId: string): Promise<string | undefined> {
      const issued = await store.get<IssuedCode>(codeKey(viewer, livingId));
      return issued && now() - issued.issuedAt < validityMs ? issued.code : undefined;
    },
  };
}

export type LivingCodeService = ReturnType<typeof createLivingCodeService>;
