import type { LiveCard } from '../../../shared/live-card';
import {
  HOME_WORDS,
  LIVE_PAGE_WORDS,
  buttonView,
  launchView,
  liveCardView,
  type LiveCardView,
} from '../../../shared/live-card-view';
import type { WechatEnv } from '../../../shared/wechat-env';
import { liveCardHtml, text } from './live-card-html';

/** Where and when a first screen is drawn. */
export interface DrawOptions {
  now: number;
  /** The audience's wall clock (`VIEWER_TIME_ZONE`): the app, once running, tells times on the device's. */
  timeZone: string;
  /** From the request's User-Agent: decides how the live page's action is offered, as the app would. */
  env: WechatEnv;
}

/**
 * Home draws this many cards into the HTML: what a phone's first screen shows (header and two and a half cards on a
 * 390×844 screen); the app draws the rest. The first frame lays out the header and the first card only: the others
 * follow one frame later (`afterFirstPaint`), so the first card waits for one card's layout and CJK text, not three
 * (on a slow phone's CPU that layout is most of what a drawn page costs over a static one: docs/benchmarks.md).
 */
export const HOME_CARDS_DRAWN = 3;

/** The home page's first screen: its header and its first cards, as `pages/index` renders them. */
export function homeFirstScreenHtml(lives: readonly LiveCard[], { now, timeZone }: DrawOptions): string {
  const cards = lives.slice(0, HOME_CARDS_DRAWN).map((live, i) => {
    const view = liveCardView(live, { now, timeZone });
    // The list opens the live page: its cards' action is always the plain button.
    return liveCardHtml(view, 'compact', buttonView(view.action), { afterFirstPaint: i > 0 });
  });
  return (
    `<div class="page home"><div class="home__header">` +
    text('home__title', HOME_WORDS.title) +
    text('home__subtitle', HOME_WORDS.subtitle) +
    `</div><div class="home__list">${cards.join('')}</div></div>`
  );
}

/**
 * A live page's first screen: the full card (`view`, as `liveCardView` words it for the page's live), its description
 * and the way home, as `pages/live` renders them; the action as offered in `env`.
 */
export function liveFirstScreenHtml(view: LiveCardView, env: WechatEnv): string {
  return (
    `<div class="page live-page">${liveCardHtml(view, 'full', launchView(view.action, env))}` +
    `<div class="live-page__section">` +
    text('live-page__section-title', LIVE_PAGE_WORDS.descriptionTitle) +
    text('live-page__description', view.description) +
    `</div><div class="live-page__more">${text('', LIVE_PAGE_WORDS.more)}</div></div>`
  );
}
