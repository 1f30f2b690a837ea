import { createContext, useContext } from 'react';
import { createServices, type Services } from './services';

const ServicesContext = createContext<Services | undefined>(undefined);

/** Overrides the app's services below it (tests, previews). */
export const ServicesProvider = ServicesContext.Provider;

let built: Services | undefined;

/** The app's own services, built once from the build-time settings. */
export function appServices(): Services {
  return (built ??= createServices());
}

/** The services from the nearest provider, else the app's own. */
export function useServices(): Services {
  return useContext(ServicesContext) ?? appServices();
}
