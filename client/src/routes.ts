/** Pages of the app and how their URLs are built and read; shares, marketing links and the home list agree here. */
import { isCampaignTag } from '../../shared/campaign-tag';
import { isLivingId } from '../../shared/living-id';
import { HOME_PAGE, LIVE_PAGE, shortLinkPath } from '../../shared/paths';
import type { FirstRequest } from './api/prefetch';

export interface LivePageParams {
  /** `undefined` when missing or malformed: the page shows "直播不存在" without asking the BFF. */
  livingId?: string;
  replay: boolean;
  /** The campaign tag (`?from=…`) when it is one (`isCampaignTag`): reported with the view, the tap and the open. */
  from?: string;
}

/** The live page's query (`id=…[&replay=1]`), for page URLs and `useShareTimeline`'s `query`. */
export function liveQuery(livingId: string, replay = false): string {
  return `id=${encodeURIComponent(livingId)}${replay ? '&replay=1' : ''}`;
}

export function livePageUrl(livingId: string, replay = false): string {
  return `${LIVE_PAGE}?${liveQuery(livingId, replay)}`;
}

/**
 * The clean, stable link to a live that the BFF redirects to its page (`/live/ID[?replay=1]`): what the H5 page
 * shares, copies and puts in its QR code. `origin` is the H5 origin, e.g. `location.origin`.
 */
export function liveShortLink(origin: string, livingId: string, replay = false): string {
  return `${origin}${shortLinkPath(livingId, replay)}`;
}

export function parseLivePageParams(params: Partial<Record<string, string | undefined>>): LivePageParams {
  let id = params.id ?? '';
  try {
    id = decodeURIComponent(id);
  } catch {
    id = '';
  }
  return {
    livingId: isLivingId(id) ? id : undefined,
    replay: params.replay === '1' || params.replay === 'true',
    from: isCampaignTag(params.from ?? '') ? params.from : undefined,
  };
}

/**
 * What the page at `href` (an H5 URL) asks the BFF for first: the list on the home page, the card on a live page
 * with a well-formed id, nothing elsewhere. Lets the app send that request before the page's code has loaded.
 */
export function firstRequestOf(href: string): FirstRequest | undefined {
  const url = new URL(href);
  if (url.pathname === '/' || url.pathname === HOME_PAGE) return { kind: 'lives' };
  if (url.pathname !== LIVE_PAGE) return undefined;
  const livingId = url.searchParams.get('id') ?? '';
  return isLivingId(livingId) ? { kind: 'live', livingId } : undefined;
}
