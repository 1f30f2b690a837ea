export { default as LaunchButton } from './launch-button';
export type { LaunchButtonProps } from './types';
