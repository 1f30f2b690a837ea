import Taro from '@tarojs/taro';
import { ISSUED_VISITOR_ID } from '../../../shared/api';
import { ApiError } from '../api/api-error';
import { issueVisitor, type BffApi } from '../api/bff-api';
import type { HttpClient } from '../api/http';

const INSTALL_ID_KEY = 'funnel.installId';

let asking: Promise<string | undefined> | undefined;

/**
 * This install's visitor id: the mini program has no cookies, and at page load often no session yet (it signs in
 * when the button asks for a code), so views are told apart by install. The BFF issues the id (signed: a made-up
 * one is not counted) and it is kept in storage; an install that kept one of its own making (before ids were
 * signed) asks for a new one. One request however many pages ask at once; undefined when the BFF would not give
 * one (its per-address allowance of new visitors, or no network): that view goes uncounted and the next one asks.
 */
export function installId(http: HttpClient): Promise<string | undefined> {
  const kept: unknown = Taro.getStorageSync(INSTALL_ID_KEY);
  if (typeof kept === 'string' && ISSUED_VISITOR_ID.test(kept)) return Promise.resolve(kept);
  asking ??= issueVisitor(http)
    .then(
      (issued) => {
        if (!ISSUED_VISITOR_ID.test(issued)) return undefined;
        Taro.setStorageSync(INSTALL_ID_KEY, issued);
        return issued;
      },
      () => undefined,
    )
    .finally(() => (asking = undefined));
  return asking;
}

/** Forgets the kept id when it is still `visitor` (the BFF no longer knows it: its secret changed). */
function forget(visitor: string): void {
  if (Taro.getStorageSync(INSTALL_ID_KEY) === visitor) Taro.removeStorageSync(INSTALL_ID_KEY);
}

/** Mini program: tells the BFF a live page showed a live, with this install's id. Best effort. */
export function sendViewBeacon(
  { api, http }: { api: Pick<BffApi, 'beacon'>; http: HttpClient },
  livingId: string,
  from: string | undefined,
): void {
  void installId(http).then((visitor) => {
    if (!visitor) return undefined;
    return api.beacon(livingId, 'views', { from, visitor }).catch((err: unknown) => {
      // The page sends only campaign tags, so a 400 is the visitor id: not one the BFF issued (any more).
      if (err instanceof ApiError && err.status === 400) forget(visitor);
    });
  });
}
