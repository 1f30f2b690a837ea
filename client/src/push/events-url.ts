import { toSocketUrl } from './socket-url';

/**
 * Where the live socket connects. Mini program: the BFF's base URL is absolute (`TARO_APP_BFF_URL`), so
 * `https://bff` → `wss://bff/api/events`. WeChat only connects to `wss://` on a registered socket domain (DevTools
 * with `urlCheck: false` also takes `ws://localhost`). Same signature as `events-url.h5.ts`.
 */
export function eventsUrl(baseUrl: string): string {
  return toSocketUrl(baseUrl);
}
