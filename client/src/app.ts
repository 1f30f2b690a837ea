import type { PropsWithChildren } from 'react';
import { hasFirstScreen } from './api/first-screen';
import { followFirstScreenScroll } from './hooks/first-screen-handover';
import { captureLanding, landingUrl } from './launch/landing';
import { firstRequestOf } from '../../shared/first-request';
import { appServices } from './services';
import './app.css';

// Before the router or any page runs: H5 remembers the landing URL (iOS WeChat signs against it) and drops OAuth
// leftovers from the address bar, and follows how far the viewer scrolls the first screen the BFF drew. No-ops in
// the mini program.
captureLanding();
followFirstScreenScroll();

// H5: the page's data came with its HTML (the BFF's first screen), or else is asked for now, while the browser is
// still busy loading that page's code; the page's first request takes this answer (`api/prefetch.ts`). The mini
// program has no landing URL and skips both.
const landing = landingUrl();
const firstRequest = landing === undefined || hasFirstScreen() ? undefined : firstRequestOf(landing);
if (firstRequest) appServices().api.prefetch(firstRequest);

/** The app shell: pages render inside; services come from `useServices()`. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
