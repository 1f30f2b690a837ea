export { ActionButton } from './action-button';
export type { ActionButtonProps } from './types';
