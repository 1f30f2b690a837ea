import { WECOM_WATCH_PAGE } from './constants';

export interface WatchPathOptions {
  replay?: boolean;
  /**
   * Some sources say the H5 open tag needs `pages/watch/index.html?…`; WeCom's own page does not.
   * Kept as a switch so a deployment can flip it without a code change.
   */
  htmlSuffix?: boolean;
}

/**
 * The path inside WeCom's live mini program for one viewer's code. The code is opaque and may hold
 * `+`, `/` or `=`, so it is always URL-encoded.
 */
export function buildWatchPath(
  livingCode: string,
  { replay = false, htmlSuffix = false }: WatchPathOptions = {},
): string {
  const page = htmlSuffix ? `${WECOM_WATCH_PAGE}.html` : WECOM_WATCH_PAGE;
  const query = `living_code=${encodeURIComponent(livingCode)}${replay ? '&replay=1' : ''}`;
  return `${page}?${query}`;
}
