import type { PropsWithChildren } from 'react';
import { captureLanding } from './launch/landing';
import './app.css';

// Before the router or any page runs: H5 remembers the landing URL (iOS WeChat signs against it) and drops OAuth
// leftovers from the address bar. A no-op in the mini program.
captureLanding();

/** The app shell: pages render inside; services come from `useServices()`. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
