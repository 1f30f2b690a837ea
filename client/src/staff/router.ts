import { useSyncExternalStore } from 'react';
import type { MouseEvent } from 'react';
import { isLivingId } from '../../../shared/living-id';
import { STAFF_CONSOLE_PATH, isStaffConsolePath } from '../../../shared/paths';

/** Every page of the console, with what its path names. */
export type StaffRoute =
  | { name: 'lives' }
  | { name: 'create' }
  | { name: 'edit'; livingId: string }
  | { name: 'stats'; livingId: string }
  | { name: 'share'; livingId: string }
  | { name: 'not-found' };

const PAGES: Array<[RegExp, (id: string) => StaffRoute]> = [
  [/^\/?$/, () => ({ name: 'lives' })],
  [/^\/lives\/new\/?$/, () => ({ name: 'create' })],
  [/^\/lives\/([^/]+)\/edit\/?$/, (livingId) => ({ name: 'edit', livingId })],
  [/^\/lives\/([^/]+)\/stats\/?$/, (livingId) => ({ name: 'stats', livingId })],
  [/^\/lives\/([^/]+)\/share\/?$/, (livingId) => ({ name: 'share', livingId })],
];

/**
 * The page a path shows: `/staff`, `/staff/`, `/staff/lives/ID/stats` (a trailing slash is the same page). An id
 * the BFF would refuse (`isLivingId`) is no page, so a page never asks for a malformed id.
 */
export function matchRoute(pathname: string): StaffRoute {
  if (!isStaffConsolePath(pathname)) return { name: 'not-found' };
  const rest = pathname.slice(STAFF_CONSOLE_PATH.length);
  for (const [pattern, route] of PAGES) {
    const match = pattern.exec(rest);
    if (!match) continue;
    const id = match[1];
    return id === undefined || isLivingId(id) ? route(id ?? '') : { name: 'not-found' };
  }
  return { name: 'not-found' };
}

/** The path of a page; the inverse of {@link matchRoute}. */
export function routeHref(route: StaffRoute): string {
  switch (route.name) {
    case 'lives':
    case 'not-found':
      return `${STAFF_CONSOLE_PATH}/`;
    case 'create':
      return `${STAFF_CONSOLE_PATH}/lives/new`;
    default:
      return `${STAFF_CONSOLE_PATH}/lives/${route.livingId}/${route.name}`;
  }
}

// pushState fires no event of its own: the console's navigations announce themselves with this one.
const NAVIGATED = 'staff:navigated';

/**
 * Goes to `href` (a path of this site) without reloading, and tells every {@link useLocation}. `notice` is what
 * the next page says about how the person got there ("已保存修改"): kept in the history entry, read with
 * {@link navigationNotice}.
 */
export function navigate(href: string, { replace = false, notice }: { replace?: boolean; notice?: string } = {}): void {
  const state = notice ? { notice } : null;
  if (replace) window.history.replaceState(state, '', href);
  else window.history.pushState(state, '', href);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo?.(0, 0);
}

/** The notice the navigation to this page brought along, if any. */
export function navigationNotice(): string | undefined {
  const state: unknown = window.history.state;
  const notice = (state as { notice?: unknown } | null)?.notice;
  return typeof notice === 'string' ? notice : undefined;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const currentLocation = () => window.location.pathname + window.location.search;

/** The current path and query; the component re-renders on back/forward and on {@link navigate}. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, currentLocation);
  const url = new URL(href, 'http://console.invalid');
  return { pathname: url.pathname, search: url.search };
}

/**
 * A click on a link of the console navigates in place; a click that means "elsewhere" (another button, a modifier
 * key for a new tab or window, a download) is left to the browser.
 */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  const anchor = event.currentTarget;
  if (anchor.target || anchor.hasAttribute('download') || anchor.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
