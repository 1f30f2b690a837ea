import type { LiveCard } from '../../shared/live-card';
import { LIVE_PAGE_WORDS, liveCardView } from '../../shared/live-card-view';

/** The time zone of the bench's phones (`newPhoneContext`): the start time must read as it reads on them. */
const VIEWER_TIME_ZONE = 'Asia/Shanghai';
/** Every word a live card paints, worded as the app words them, plus how its cover is drawn. */
export interface CardWords {
  cover: { background: string; glyph: string };
  /** The status badge, and the replay badge when there is one. */
  badges: string[];
  theme: string;
  /** Start time in words, with the expected or actual duration. */
  when: string;
  /** A reserved live's countdown, inside its last day. */
  countdown?: string;
  /** Anchor and counts. */
  meta: string[];
  stale?: string;
  /** The label of the card's one action. */
  action: string;
  /** The live page's 直播简介 section under its card; a home card does not show it. */
  description?: { title: string; text: string };
}

/**
 * The words `live` shows on a card at `now`: the cover, badges, theme, time line, anchor and counts, the action's
 * label (not the launch button's guidance around it, which differs by browser), and with `withDescription` the
 * live page's description section. From the shared view model both the app and the BFF's first screen draw.
 */
export function cardWords(live: LiveCard, { withDescription = false, now = new Date() } = {}): CardWords {
  const view = liveCardView(live, { now: now.getTime(), timeZone: VIEWER_TIME_ZONE });
  return {
    cover: view.cover,
    badges: view.replayBadge ? [view.statusLabel, view.replayBadge] : [view.statusLabel],
    theme: view.theme,
    when: view.when,
    countdown: view.countdown,
    meta: view.meta,
    stale: view.staleNote,
    action: view.action.label,
    description: withDescription ? { title: LIVE_PAGE_WORDS.descriptionTitle, text: view.description } : undefined,
  };
}
