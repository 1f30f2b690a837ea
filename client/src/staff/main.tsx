import { createRoot } from 'react-dom/client';
import { App } from './app';
import { goToSignIn } from './sign-in';
import { createStaffApi } from './staff-api-client';
import './staff.css';

// A session that expires while a page is open signs in again and comes back to that page.
const api = createStaffApi({ onUnauthorized: () => void goToSignIn() });
const root = document.getElementById('root');
if (root) createRoot(root).render(<App api={api} />);
