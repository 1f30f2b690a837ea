export { StateView, type StateViewProps } from './state-view';
