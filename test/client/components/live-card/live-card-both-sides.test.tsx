/**
 * One view model, two renderers (issue 19): every card state drawn by the Taro component and by the BFF's first
 * screen (`server/http/h5-page/live-card-html.ts`) says the same words in the same places. The BFF tells times on a
 * named time zone (Intl), the app on the device's clock: here both are this machine's zone, so the two ways of
 * reading a wall clock are compared too.
 */
import { render } from '@testing-library/react';
import { LiveCard } from '../../../../client/src/components/live-card';
import { LIVE_STATUSES, REPLAY_STATES, type LiveCard as Live } from '../../../../shared/live-card';
import { launchView, liveCardView } from '../../../../shared/live-card-view';
import { liveCardHtml } from '../../../../server/http/h5-page/live-card-html';
import { aLive } from '../../support/fixtures';

const NOW = new Date(2025, 10, 28, 10, 0, 0);
const DEVICE_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const oursOf = (el: Element) => [...el.classList].filter((c) => /^(live-|action)/.test(c));

/**
 * Each element carrying one of our classes, in document order, with its words when none of its descendants carries
 * one (`live-card__when 今天 19:30 开播`, `live-badge live-badge--living 直播中`).
 */
function words(root: Element): string[] {
  return [...root.querySelectorAll('[class]')]
    .filter((el) => oursOf(el).length > 0)
    .map((el) => {
      const leaf = [...el.querySelectorAll('[class]')].every((inner) => oursOf(inner).length === 0);
      return `${oursOf(el).sort().join(' ')} ${leaf ? el.textContent : ''}`.trim();
    });
}

function serverCard(live: Live, variant: 'compact' | 'full', replayAsked: boolean): Element {
  const view = liveCardView(live, { now: NOW.getTime(), replayAsked, timeZone: DEVICE_TIME_ZONE });
  const host = document.createElement('div');
  host.innerHTML = liveCardHtml(view, variant, launchView(view.action, 'wechat'));
  return host;
}

/** Every status with every replay state, stale or not, asked for the replay or not; starting soon, tomorrow, past. */
const STATES = LIVE_STATUSES.flatMap((status) =>
  REPLAY_STATES.flatMap((replay) =>
    [false, true].flatMap((stale) =>
      [false, true].flatMap((replayAsked) =>
        [
          new Date(2025, 10, 28, 10, 20), // within the countdown
          new Date(2025, 10, 29, 9, 0), // tomorrow
          new Date(2025, 10, 20, 14, 0), // days ago
        ].map((start) => ({ status, replay, stale, replayAsked, startsAt: start.toISOString() })),
      ),
    ),
  ),
);

describe('a live card drawn by the app and by the BFF', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it.each(['compact', 'full'] as const)(
    `%s: the same words in the same places, in all ${STATES.length} states`,
    (variant) => {
      for (const { replayAsked, ...state } of STATES) {
        const live = aLive({ ...state, viewerCount: 12_345, onlineCount: 321, subscribeCount: 7 });
        const { container, unmount } = render(<LiveCard live={live} variant={variant} replayAsked={replayAsked} />);
        const app = words(container);
        unmount();
        const where = `${JSON.stringify({ ...state, replayAsked })}`;
        expect({ where, words: words(serverCard(live, variant, replayAsked)) }).toEqual({ where, words: app });
      }
    },
  );

  it('has words to compare: a reserved live within the hour shows its countdown, badge, counts and action', () => {
    const live = aLive({ status: 'reserved', startsAt: new Date(2025, 10, 28, 10, 20).toISOString() });
    expect(words(serverCard(live, 'full', false))).toEqual([
      'live-card live-card--full',
      'live-cover',
      'live-cover__ring',
      'live-cover__glyph 产',
      'live-cover__badges',
      'live-badge live-badge--reserved 预约中',
      'live-card__body',
      'live-card__theme 产品发布会',
      'live-card__when 今天 10:20 开播 · 预计 1小时30分钟',
      'live-card__countdown 距开播 00:20:00',
      'live-card__meta',
      'live-card__meta-item 主播 zhangsan',
      'live-card__meta-item 12人预约',
      'live-card__action',
      'action action--large',
      'action__slot',
      'action__button 进入直播间',
    ]);
  });
});
