export { pressable } from './pressable';
export type { PressableOptions, PressableProps } from './pressable';
