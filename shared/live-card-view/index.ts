export {
  liveCardView,
  NO_DESCRIPTION,
  STALE_NOTE,
  type LiveCardView,
  type LiveCardViewOptions,
} from './live-card-view';
export { coverFor, coverGlyph, fnv1a, COVER_PALETTES, type CoverStyle } from './cover';
export { formatStartTime } from './start-time';
export { countdownText, COUNTDOWN_WINDOW_MS } from './countdown-text';
export { formatCount, formatDuration } from './format';
export { STATUS_LABEL, replayBadge } from './labels';
export { buttonView, launchView, OPEN_IN_WECHAT, type LaunchView, type QrLaunchView } from './launch-view';
export { HOME_WORDS, LIVE_PAGE_WORDS } from './page-words';
