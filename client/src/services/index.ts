export { createServices, type Services, type ServicesOptions } from './services';
export { ServicesProvider, useServices } from './services-context';
