import type { Logger } from 'pino';
import { isCampaignTag } from '../../shared/campaign-tag';
import { isUpstreamError } from '../errors/upstream-error';
import type { AudienceCounters } from '../store/audience-counters';
import type { Store } from '../store/store';
import type { UrlLinkApi } from '../wechat/url-link-api';
import { LIVE_PAGE_FOR_WECHAT, livePageQuery, type LivePageTarget } from './live-page-query';
import type { UrlLinkQuota } from './url-link-quota';

const DAY_MS = 24 * 3600_000;

/** A URL Link and when it stops working (ms since the epoch). */
export interface UrlLink {
  url: string;
  expiresAt: number;
}

export interface UrlLinkServiceOptions {
  /** `wxa/generate_urllink` with the mini program's token. */
  generate: UrlLinkApi;
  /** Where links are kept, per live + replay + tag, for every instance; also the flights and the refusal hold. */
  store: Store;
  /** The per-live set of tags that may have a link of their own (capped, atomic across instances). */
  counters: AudienceCounters;
  quota: UrlLinkQuota;
  /** Distinct tags per live with a link of their own; past it a tag gets the live's untagged link. */
  tagsPerLive: number;
  /** How long each link lives, 1–30 days (default 30). */
  lifetimeDays?: number;
  /** A link with less than this left is renewed on its next request (default 7). */
  renewDays?: number;
  /** After WeChat refuses (or cannot be reached), nothing is asked of it for this long (default 60 s). */
  refusalHoldMs?: number;
  logger: Logger;
  now?: () => number;
}

/** The label a live's tag set keeps for tags past its cap; never a campaign tag itself. */
const OVERFLOW_TAG = '~other';
/** A link with less than this left is not handed out any more (an SMS is read later than it is sent). */
const MIN_LEFT_MS = 3600_000;
/** WeChat's answer when the day's quota of links and schemes is spent. */
const DAILY_QUOTA_ERRCODE = 45009;

const linkKey = ({ livingId, replay, from }: LivePageTarget) => `url-link:${livingId}:${replay ? 1 : 0}:${from ?? ''}`;
const tagsKey = (livingId: string) => `url-link-tags:${livingId}`;
const REFUSED_KEY = 'url-link-refused';

/**
 * WeChat URL Links to our mini program's live page, one per live + replay + campaign tag, shared by every viewer and
 * every instance: kept in the store for their life and renewed when fewer than `renewDays` remain, generated once
 * per key across instances (the store's single flight, which re-reads the key first). The caller has checked that
 * the live exists.
 *
 * The route is public, and each link spends the mini program's daily quota, so: a `from` that is not a campaign tag
 * is ignored; a live gets links for at most `tagsPerLive` tags (the rest get its untagged link); nothing is generated
 * near the day's quota (`UrlLinkQuota`), nor for `refusalHoldMs` after WeChat refused or could not be reached (a
 * surge then costs WeChat one call, not thousands). In every such case the answer is the link still held, if it has
 * an hour left, or `null`: never an error.
 */
export function createUrlLinkService({
  generate,
  store,
  counters,
  quota,
  tagsPerLive,
  lifetimeDays = 30,
  renewDays = 7,
  refusalHoldMs = 60_000,
  logger,
  now = Date.now,
}: UrlLinkServiceOptions) {
  const renewMs = renewDays * DAY_MS;
  const usable = (link: UrlLink | undefined): UrlLink | null =>
    link && link.expiresAt - now() > MIN_LEFT_MS ? link : null;
  const fresh = (link: UrlLink | undefined): link is UrlLink => link !== undefined && link.expiresAt - now() > renewMs;

  async function renew(target: LivePageTarget): Promise<UrlLink | null> {
    const key = linkKey(target);
    const held = await store.get<UrlLink>(key);
    if (fresh(held)) return held; // another flight (maybe on another instance) just made it
    if ((await store.get<number>(REFUSED_KEY)) !== undefined || !(await quota.allows())) return usable(held);
    let url: string;
    try {
      url = await generate({ page: LIVE_PAGE_FOR_WECHAT, query: livePageQuery(target), days: lifetimeDays });
    } catch (err) {
      const errcode = isUpstreamError(err) ? err.errcode : undefined;
      logger.warn(
        { event: 'url_link_refused', livingId: target.livingId, errcode, reason: (err as Error).message },
        'no URL Link from WeChat: holding generation back',
      );
      if (errcode === DAILY_QUOTA_ERRCODE) await quota.spent();
      await store.set(REFUSED_KEY, errcode ?? 0, refusalHoldMs);
      return usable(held);
    }
    await quota.spend();
    const link: UrlLink = { url, expiresAt: now() + lifetimeDays * DAY_MS };
    await store.set(key, link, lifetimeDays * DAY_MS);
    return link;
  }

  /** The tag a live's link carries: the tag while the live has room for it (or has it), none past the cap. */
  async function admittedTag(livingId: string, from: string): Promise<string | undefined> {
    const kept = await counters.admitLabel({
      key: tagsKey(livingId),
      label: from,
      cap: tagsPerLive,
      overflow: OVERFLOW_TAG,
    });
    return kept === from ? from : undefined;
  }

  async function linkFor(target: LivePageTarget): Promise<UrlLink | null> {
    const from = target.from !== undefined && isCampaignTag(target.from) ? target.from : undefined;
    const wanted: LivePageTarget = { livingId: target.livingId, replay: target.replay, ...(from ? { from } : {}) };
    let held: UrlLink | undefined;
    try {
      held = await store.get<UrlLink>(linkKey(wanted));
      if (fresh(held)) return held;
      if (from && !held && (await admittedTag(wanted.livingId, from)) === undefined) {
        return linkFor({ livingId: wanted.livingId, replay: wanted.replay });
      }
      return await store.singleFlight(linkKey(wanted), () => renew(wanted));
    } catch (err) {
      // The store failing (a flight that never reported, Redis away): no link rather than an error.
      logger.warn({ event: 'url_link_unavailable', reason: (err as Error).message }, 'URL Link store unavailable');
      return usable(held);
    }
  }

  return {
    linkFor,
    /** The day's count of links against the quota, for `/metrics`. */
    quota: () => quota.reading(),
  };
}

export type UrlLinkService = ReturnType<typeof createUrlLinkService>;
