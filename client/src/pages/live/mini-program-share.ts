import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { HOME_PAGE } from '../../../../shared/paths';
import { liveQuery, livePageUrl } from '../../routes';

/**
 * What the mini program shares from a live page (to a chat, to Moments): the theme as title and this live's page,
 * its replay kept. H5 pages share through the JS-SDK card instead (`useShareCard`), so H5 takes the empty
 * `mini-program-share.h5.ts` and ships none of this.
 */
export function useMiniProgramShare(theme: string | undefined, livingId: string | undefined, replay: boolean): void {
  useShareAppMessage(() => ({
    title: theme ?? '直播',
    path: livingId ? livePageUrl(livingId, replay) : HOME_PAGE,
  }));
  useShareTimeline(() => ({ title: theme ?? '直播', query: livingId ? liveQuery(livingId, replay) : '' }));
}
