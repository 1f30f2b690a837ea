import { useMemo } from 'react';
import { parseLivePageParams, type LivePageParams } from '../routes';
import { useLive, type UseLive } from './use-live';

/** The live the live page shows, and which one it is. */
export type LivePageLive = LivePageParams & UseLive;

/**
 * The live page's live: the one its params name (`?id=…[&replay=1][&from=…]`), kept fresh while `visible`. The
 * mini program's variant also opens from a mini program code's `scene`; H5 pages are never opened by one (only
 * WeChat's scanner launches those, into the mini program).
 */
export function useLivePage(params: Partial<Record<string, string | undefined>>, visible: boolean): LivePageLive {
  const target = useMemo(() => parseLivePageParams(params), [params]);
  // Onto useLive's answer, a new object every render: fewer bytes on H5's live page than a spread.
  return Object.assign(useLive(target.livingId, { visible }), target);
}
