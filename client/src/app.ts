import type { PropsWithChildren } from 'react';
import './app.css';

/** The app shell: pages render inside; services come from `useServices()`. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
