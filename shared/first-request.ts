import { isLivingId } from './living-id';
import { HOME_PAGE, LIVE_PAGE } from './paths';

/**
 * The data a viewer page shows first, which its URL tells before the page's code has even loaded: the list on the
 * home page, one card on a live page with a well-formed id. The BFF renders it into the page's HTML; the H5 app,
 * when the HTML came without it, asks for it as soon as its first script runs.
 */
export type FirstRequest = { kind: 'lives' } | { kind: 'live'; livingId: string; replay: boolean };

/** `?replay=1` (or `true`) on a live page: the viewer asked for the replay. */
export const isReplayAsked = (value: string | null | undefined): boolean => value === '1' || value === 'true';

/** What the page at `url` (an H5 URL) shows first, or `undefined` for a page that asks for nothing. */
export function firstRequestOf(url: URL | string): FirstRequest | undefined {
  const { pathname, searchParams } = typeof url === 'string' ? new URL(url) : url;
  if (pathname === '/' || pathname === HOME_PAGE) return { kind: 'lives' };
  if (pathname !== LIVE_PAGE) return undefined;
  const livingId = searchParams.get('id') ?? '';
  return isLivingId(livingId)
    ? { kind: 'live', livingId, replay: isReplayAsked(searchParams.get('replay')) }
    : undefined;
}
