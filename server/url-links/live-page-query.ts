import { LIVE_PAGE } from '../../shared/paths';

/** One live's page in our mini program: the live or its replay, with a campaign tag or none. */
export interface LivePageTarget {
  livingId: string;
  replay: boolean;
  from?: string;
}

/** The live page as WeChat wants a page named: without the leading `/` (`pages/live/index`). */
export const LIVE_PAGE_FOR_WECHAT = LIVE_PAGE.slice(1);

/**
 * The live page's query, `id=…[&replay=1][&from=TAG]`, as the page reads it from its launch options. Values are
 * percent-encoded (`encodeURIComponent`), whose output is always in WeChat's URL Link characters
 * (`0-9A-Za-z!#$&'()*+,/:;=?@-._~%`); living ids and campaign tags need no encoding today, so the query reads as
 * written.
 */
export function livePageQuery({ livingId, replay, from }: LivePageTarget): string {
  const pairs = [`id=${encodeURIComponent(livingId)}`];
  if (replay) pairs.push('replay=1');
  if (from) pairs.push(`from=${encodeURIComponent(from)}`);
  return pairs.join('&');
}

/** `pages/live/index?id=…[&replay=1][&from=TAG]`: for a mini program card in an article or a menu. */
export const livePagePath = (target: LivePageTarget): string => `${LIVE_PAGE_FOR_WECHAT}?${livePageQuery(target)}`;
