import { createContext, useContext } from 'react';
import { createServices, type Services } from './services';

const ServicesContext = createContext<Services | undefined>(undefined);

/** Overrides the app's services below it (tests, previews). */
export const ServicesProvider = ServicesContext.Provider;

let appServices: Services | undefined;

/** The services from the nearest provider, else the app's own (built once from the build-time settings). */
export function useServices(): Services {
  return useContext(ServicesContext) ?? (appServices ??= createServices());
}
