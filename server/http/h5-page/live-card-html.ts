import type { LaunchView, LiveCardView } from '../../../shared/live-card-view';
import { AFTER_FIRST_PAINT_ATTRIBUTE } from './app-start';
import { htmlText } from './html-text';

/** Left out of the first frame (`hidden`); the app-start script shows it once that frame is painted. */
const AFTER_FIRST_PAINT_ATTRIBUTES = `hidden ${AFTER_FIRST_PAINT_ATTRIBUTE}`;

/**
 * A live card as HTML, the same elements and classes the Taro component renders on H5 (`View` is a `div`, `Text` a
 * `span.taro-text`, `Button` a `div.taro-button-core`), so the app's own stylesheet lays it out the same before and
 * after the app takes over. Every word comes from the shared view and is escaped here. `afterFirstPaint`: the card
 * is shown one frame after the page's first (`app-start.ts`).
 */
export function liveCardHtml(
  view: LiveCardView,
  variant: 'compact' | 'full',
  action: LaunchView,
  { afterFirstPaint = false } = {},
): string {
  const shown = afterFirstPaint ? ` ${AFTER_FIRST_PAINT_ATTRIBUTES}` : '';
  return (
    `<div class="live-card live-card--${variant}"${shown}>${coverHtml(view)}<div class="live-card__body">` +
    text('live-card__theme', view.theme) +
    text('live-card__when', view.when) +
    (view.countdown ? text('live-card__countdown', view.countdown) : '') +
    `<div class="live-card__meta">${view.meta.map((part) => text('live-card__meta-item', part)).join('')}</div>` +
    (view.staleNote ? text('live-card__stale', view.staleNote) : '') +
    `<div class="live-card__action">${launchHtml(action, variant === 'compact' ? 'small' : 'large')}</div>` +
    `</div></div>`
  );
}

/** A `Text`: Taro's H5 `span`, with our class when it has one. */
export const text = (className: string, words: string): string =>
  `<span class="taro-text${className ? ` ${className}` : ''}">${htmlText(words)}</span>`;

function coverHtml(view: LiveCardView): string {
  const badge = (kind: string, words: string, dot = false) =>
    `<div class="live-badge live-badge--${kind}">${dot ? '<div class="live-badge__dot"></div>' : ''}` +
    `<span class="taro-text">${htmlText(words)}</span></div>`;
  return (
    `<div class="live-cover" style="background-image: ${htmlText(view.cover.background)}">` +
    `<div class="live-cover__ring"></div>${text('live-cover__glyph', view.cover.glyph)}` +
    `<div class="live-cover__badges">${badge(view.status, view.statusLabel, view.status === 'living')}` +
    (view.replayBadge ? badge('replay', view.replayBadge) : '') +
    `</div></div>`
  );
}

/**
 * The action as the H5 launch button first draws it: a button, or the QR frame with its code still to come. The URL
 * Link view is its button (the app shows it while the link is fetched, so a tap can wait for it) with the hint and
 * the copy link under it.
 */
function launchHtml(action: LaunchView, size: 'small' | 'large'): string {
  if (action.kind === 'url-link') {
    return launchHtml(
      { kind: 'button', label: action.label, disabled: false, hint: action.hint, secondaryLabel: action.copyLabel },
      size,
    );
  }
  if (action.kind === 'qr') {
    return (
      `<div class="web-launch"><div class="web-launch__qr"></div><div class="web-launch__body">` +
      text('web-launch__title', action.title) +
      text('web-launch__hint', action.hint) +
      `<div class="web-launch__copy taro-button-core">${htmlText(action.copyLabel)}</div></div></div>`
    );
  }
  const state = action.disabled ? ' action__button--disabled' : '';
  const footer =
    action.hint || action.secondaryLabel
      ? `<div class="action__footer">` +
        (action.hint ? text('action__hint action__hint--muted', action.hint) : '') +
        (action.secondaryLabel ? text('action__link', action.secondaryLabel) : '') +
        `</div>`
      : '';
  return (
    `<div class="action action--${size}"><div class="action__slot">` +
    `<div class="action__button${state} taro-button-core">${htmlText(action.label)}</div></div>${footer}</div>`
  );
}
