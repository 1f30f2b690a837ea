import type { LiveCard } from './live-card';

/**
 * The first screen the BFF renders into a viewer page's HTML, and how the H5 app finds it: the drawn markup in
 * `#first-screen` (beside the app's root, over it until the app takes over), the data it was drawn from in
 * `<script type="application/json" id="first-screen-data">`, so the app's first render uses it instead of asking.
 */
export const FIRST_SCREEN_ID = 'first-screen';
export const FIRST_SCREEN_DATA_ID = 'first-screen-data';

/** What the API would have answered the page's first request with (`FirstRequest`), as it was when drawn. */
export type FirstScreenData =
  | { page: 'home'; lives: LiveCard[] }
  /** `etag`: the card's ETag on `GET /api/lives/:id`, so the app's first poll can be a cheap 304. */
  | { page: 'live'; live: LiveCard; etag: string };
