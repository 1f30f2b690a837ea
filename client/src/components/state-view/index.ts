export { StateView, type StateViewProps } from './state-view';
export { LiveCardSkeleton } from './live-card-skeleton';
