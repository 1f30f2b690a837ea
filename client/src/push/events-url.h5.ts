import { toSocketUrl } from './socket-url';

/**
 * H5: the BFF is normally the page's own origin (base URL `''`) and Taro H5 needs an absolute socket URL, so it is
 * derived from `location` (`https:` → `wss:`); an absolute base URL is used as it is.
 */
export function eventsUrl(baseUrl: string): string {
  return toSocketUrl(/^https?:\/\//i.test(baseUrl) ? baseUrl : `${location.origin}${baseUrl}`);
}
