/** Pages of the app and how their URLs are built and read; shares, marketing links and the home list agree here. */
import { isCampaignTag } from '../../shared/campaign-tag';
import { isReplayAsked } from '../../shared/first-request';
import { isLivingId } from '../../shared/living-id';
import { LIVE_PAGE, shortLinkPath } from '../../shared/paths';

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
    replay: isReplayAsked(params.replay),
    from: isCampaignTag(params.from ?? '') ? params.from : undefined,
  };
}
