import type { LiveCard } from '../../../shared/live-card';
import type { ShareCard } from '../launch/h5-launcher';
import { liveShortLink } from '../routes';

/** The share icon, copied into the H5 build's root (`client/config/index.ts`). */
export const SHARE_ICON_PATH = '/share-icon.png';
/** WeChat cuts a share card's description after about two lines. */
const DESC_MAX = 60;

/** A live's WeChat share card: its theme, the start of its description, the short link and the app's icon. */
export function liveShareCard(
  live: Pick<LiveCard, 'livingId' | 'theme' | 'description'>,
  replay: boolean,
  origin: string,
): ShareCard {
  const description = live.description.replace(/\s+/g, ' ').trim();
  const desc = !description
    ? replay
      ? '点击观看直播回放'
      : '点击进入直播'
    : description.length > DESC_MAX
      ? `${description.slice(0, DESC_MAX - 1)}…`
      : description;
  return {
    title: live.theme,
    desc,
    link: liveShortLink(origin, live.livingId, replay),
    imgUrl: `${origin}${SHARE_ICON_PATH}`,
  };
}
