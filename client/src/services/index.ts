export { createServices, type Services, type ServicesOptions } from './services';
export { appServices, ServicesProvider, useServices } from './services-context';
