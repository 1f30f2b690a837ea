export { LiveCard } from './live-card';
export { LiveCardSkeleton } from './live-card-skeleton';
export { LiveCover } from './live-cover';
export { coverFor, coverGlyph, fnv1a, COVER_PALETTES, type CoverStyle } from './cover';
export { formatStartTime } from './start-time';
export { countdownText, COUNTDOWN_WINDOW_MS } from './countdown-text';
export { formatCount, formatDuration } from './format';
export { STATUS_LABEL, replayBadge } from './labels';
export type { LiveCardProps, LiveCardVariant } from './types';
