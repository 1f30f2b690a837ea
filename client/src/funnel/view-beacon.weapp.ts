import Taro from '@tarojs/taro';
import type { BffApi } from '../api/bff-api';

const INSTALL_ID_KEY = 'funnel.installId';

/**
 * This install's id, made once and kept in storage: the mini program has no cookies, and at page load often no
 * session yet (it signs in when the button asks for a code), so views are told apart by install, every time.
 */
export function installId(): string {
  const kept: unknown = Taro.getStorageSync(INSTALL_ID_KEY);
  if (typeof kept === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(kept)) return kept;
  const made = Array.from({ length: 24 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
  Taro.setStorageSync(INSTALL_ID_KEY, made);
  return made;
}

/** Mini program: tells the BFF a live page showed a live, with this install's id. Best effort. */
export function sendViewBeacon(api: Pick<BffApi, 'beacon'>, livingId: string, from: string | undefined): void {
  api.beacon(livingId, 'views', { from, visitor: installId() }).catch(() => undefined);
}
