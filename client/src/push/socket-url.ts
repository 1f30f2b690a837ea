import { EVENTS_PATH } from '../../../shared/push';

/** `http(s)://host[/base]` → `ws(s)://host[/base]/api/events`: the socket endpoint beside an HTTP base URL. */
export const toSocketUrl = (httpUrl: string): string => `${httpUrl.replace(/^http/i, 'ws')}${EVENTS_PATH}`;
