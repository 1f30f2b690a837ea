export { LiveCard } from './live-card';
export { LiveCardSkeleton } from './live-card-skeleton';
export { LiveCover } from './live-cover';
export type { LiveCardProps, LiveCardVariant } from './types';
